using Fathom.Archive.Sqlite;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using static Fathom.Archive.Tests.Data;

namespace Fathom.Archive.Tests;

public sealed class ArchiveReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Open_MissingFile_ThrowsClearErrorAndCreatesNothing()
    {
        var path = _folder.File("missing.db");

        var e = Assert.Throws<ArchiveException>(() => ArchiveReader.Open(path));

        Assert.Equal($"no archive at {path}", e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void Open_Folder_ThrowsClearError()
    {
        var e = Assert.Throws<ArchiveException>(() => ArchiveReader.Open(_folder.Path));
        Assert.Contains("is a folder", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TextFile_ThrowsNotAFathomArchive()
    {
        var path = _folder.File("notes.txt");
        File.WriteAllText(path, "plain text that is certainly not an SQLite database header, at all\n");

        var e = Assert.Throws<ArchiveException>(() => ArchiveReader.Open(path));

        Assert.StartsWith($"{path} is not a Fathom archive", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_EmptyFile_ThrowsNotAFathomArchive()
    {
        var path = _folder.File("empty.db");
        File.WriteAllBytes(path, []);

        var e = Assert.Throws<ArchiveException>(() => ArchiveReader.Open(path));

        Assert.StartsWith($"{path} is not a Fathom archive", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_OtherApplicationsDatabase_ThrowsNotAFathomArchive()
    {
        var path = _folder.File("other.db");
        using (var other = SqliteConnection.Open(path, readOnly: false, TimeSpan.Zero))
        {
            other.Execute("CREATE TABLE things(id INTEGER PRIMARY KEY)");
        }

        var e = Assert.Throws<ArchiveException>(() => ArchiveReader.Open(path));

        Assert.StartsWith($"{path} is not a Fathom archive", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NewerSchemaVersion_ThrowsVersionError()
    {
        var path = _folder.File("archive.db");
        using (new SqliteArchive(path))
        {
        }

        using (var raw = SqliteConnection.Open(path, readOnly: false, TimeSpan.Zero))
        {
            raw.Execute($"PRAGMA user_version = {ArchiveSchema.Version + 1}");
        }

        var e = Assert.Throws<ArchiveException>(() => ArchiveReader.Open(path));

        Assert.Contains($"schema version {ArchiveSchema.Version + 1}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_WhileWriterWrites_SeesOnlyWholeCommittedBatches()
    {
        const int Batches = 200;
        const int PerBatch = 50;
        var key = Key("rtt");
        var path = _folder.File("archive.db");
        using var archive = new SqliteArchive(path);
        archive.WriteBatch([Point(key, T0 - Second, -1)]);

        var writer = Task.Run(() =>
        {
            var batch = new Measurement[PerBatch];
            for (var b = 0; b < Batches; b++)
            {
                for (var i = 0; i < PerBatch; i++)
                {
                    batch[i] = Point(key, T0 + (((b * PerBatch) + i) * Second), i);
                }

                archive.WriteBatch(batch);
            }
        });

        using var reader = ArchiveReader.Open(path);
        var seen = new List<int>();
        while (true)
        {
            var done = writer.IsCompleted;
            var count = Assert.Single(reader.Query("rtt", [], T0, long.MaxValue)).Points.Count;
            seen.Add(count);
            Assert.Equal(0, count % PerBatch);
            if (done)
            {
                break;
            }
        }

        await writer;
        Assert.Equal(Batches * PerBatch, seen[^1]);
        Assert.Equal(seen.Order(), seen);
    }
}
