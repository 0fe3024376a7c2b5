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
    public void ListSeries_NameGlob_ReturnsMatchingSeriesWithCountsAndTimes()
    {
        var path = Write(
            Point(Key("rtt", "ms", ("target", "a")), T0, 1),
            Point(Key("rtt", "ms", ("target", "a")), T0 + (2 * Second), 2),
            Point(Key("rtt_max", "ms"), T0, 3),
            Point(Key("loss", "%"), T0, 4));
        using var reader = ArchiveReader.Open(path);

        var series = reader.ListSeries("rtt*");

        Assert.Equal(["rtt_max", "rtt{target=a}"], series.Select(s => s.Key.Canonical));
        var rtt = series[1];
        Assert.Equal((2L, (long?)T0, (long?)(T0 + (2 * Second))), (rtt.PointCount, rtt.FirstTimeNs, rtt.LastTimeNs));
        Assert.Equal(3, reader.ListSeries().Count);
        Assert.Equal(["loss"], reader.ListSeries("l?ss").Select(s => s.Key.Name));
    }

    [Fact]
    public void Query_TagFilters_ReturnOnlySeriesHavingAllTags()
    {
        var path = Write(
            Point(Key("rtt", "ms", ("target", "a"), ("af", "4")), T0, 1),
            Point(Key("rtt", "ms", ("target", "a"), ("af", "6")), T0, 2),
            Point(Key("rtt", "ms", ("target", "b"), ("af", "4")), T0, 3),
            Point(Key("rtt", "ms"), T0, 4));
        using var reader = ArchiveReader.Open(path);

        var targetA = reader.Query("rtt", [new("target", "a")], T0, T0);
        var both = reader.Query("rtt", [new("target", "a"), new("af", "6")], T0, T0);
        var none = reader.Query("rtt", [new("target", "c")], T0, T0);

        Assert.Equal(["rtt{af=4,target=a}", "rtt{af=6,target=a}"], targetA.Select(s => s.Key.Canonical));
        Assert.Equal(2, Assert.Single(Assert.Single(both).Points).Value);
        Assert.Empty(none);
        Assert.Equal(4, reader.Query("rtt", [], T0, T0).Count);
    }

    [Fact]
    public void Query_Range_IsInclusiveAndOrderedByTime()
    {
        var key = Key("rtt");
        var path = Write(
            Point(key, T0 + (3 * Second), 3),
            Point(key, T0, 0),
            Point(key, T0 + (2 * Second), 2),
            Point(key, T0 + Second, 1));
        using var reader = ArchiveReader.Open(path);

        var series = Assert.Single(reader.Query("rtt", [], T0 + Second, T0 + (2 * Second)));

        Assert.Equal([new TimePoint(T0 + Second, 1), new TimePoint(T0 + (2 * Second), 2)], series.Points);
    }

    [Fact]
    public void Query_NoPointsInRange_StillListsMatchingSeries()
    {
        var path = Write(Point(Key("rtt"), T0, 1));
        using var reader = ArchiveReader.Open(path);

        var series = Assert.Single(reader.Query("rtt", [], T0 + Second, T0 + (2 * Second)));

        Assert.Empty(series.Points);
    }

    [Fact]
    public void ListEvents_NameAndRange_FilterEvents()
    {
        var path = Write(
            Event("trace", T0, "{}"),
            Event("trace", T0 + (2 * Second), """{"n":2}"""),
            Event("error", T0 + Second, "{}"));
        using var reader = ArchiveReader.Open(path);

        Assert.Equal([T0, T0 + Second], reader.ListEvents(T0, T0 + Second).Select(e => e.TimeUnixNs));
        Assert.Equal(["""{"n":2}"""], reader.ListEvents(T0 + Second, T0 + (5 * Second), "trace").Select(e => e.Json));
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

    private string Write(params Measurement[] batch)
    {
        var path = _folder.File("archive.db");
        using var archive = new SqliteArchive(path);
        archive.WriteBatch(batch);
        return path;
    }

    [Fact]
    public void CountSeries_GlobAndTags_CountsTheSeriesAQueryWouldRead()
    {
        var path = _folder.File("archive.db");
        using (var archive = new SqliteArchive(path))
        {
            archive.WriteBatch([Point(Key("ping.rtt", "ms", ("target", "a")), T0, 1), Point(Key("ping.rtt", "ms", ("target", "b")), T0, 2), Point(Key("ping.loss", "percent", ("target", "a")), T0, 0)]);
        }

        using var reader = ArchiveReader.Open(path);

        Assert.Equal(3, reader.CountSeries("ping.*", []));
        Assert.Equal(2, reader.CountSeries("ping.rtt", []));
        Assert.Equal(2, reader.CountSeries("*", [new("target", "a")]));
        Assert.Equal(0, reader.CountSeries("ping.rtt", [new("target", "c")]));
        Assert.Equal(reader.Query("ping.*", [new("target", "a")], long.MinValue, long.MaxValue).Count, reader.CountSeries("ping.*", [new("target", "a")]));
    }
}
