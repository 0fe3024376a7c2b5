using Fathom.Archive.Files;
using Fathom.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using static Fathom.Archive.Tests.Data;

namespace Fathom.Archive.Tests;

public sealed class WatchedArchiveTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void WriteBatch_FolderDeleted_RecreatedAtPath_WrittenBeforeCountedLost()
    {
        var path = Path.Combine(_folder.File("data"), "archive.db");
        var key = Key("rtt");
        using (var archive = new WatchedArchive(() => new SqliteArchive(path), NullLogger.Instance))
        {
            archive.WriteBatch([Point(key, T0, 1), Point(key, T0 + Second, 2)]);
            Directory.Delete(_folder.File("data"), recursive: true);

            archive.WriteBatch([Point(key, T0 + (2 * Second), 3)]);

            Assert.Equal(2, archive.Lost);
        }

        using var reader = ArchiveReader.Open(path);
        Assert.Equal([new TimePoint(T0 + (2 * Second), 3)], reader.Query("rtt", [], long.MinValue, long.MaxValue).Single().Points);
    }

    [Fact]
    public void Open_SecondWriter_RefusedWithHolderPid_FreeAfterFirstCloses()
    {
        var path = _folder.File("archive.db");
        using (new SqliteArchive(path))
        {
            var e = Assert.Throws<ArchiveInUseException>(() => new SqliteArchive(path));
            Assert.Equal(Environment.ProcessId, e.HolderPid);
            Assert.Contains($"archive {path} in use by PID {Environment.ProcessId}", e.Message, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(ArchiveLock.PathFor(path)), "the lock file goes with its writer");
        using var again = new SqliteArchive(path);
    }
}
