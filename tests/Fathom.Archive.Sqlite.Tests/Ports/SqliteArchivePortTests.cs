using Fathom.Core.Storage;
using Fathom.TestSupport.Storage;

namespace Fathom.Archive.Tests.Ports;

/// <summary>The storage ports' shared suite on the SQLite backend: a file in the test's folder.</summary>
public sealed class SqliteArchivePortTests : ArchivePortContract
{
    protected override IArchiveBackend CreateBackend() => new SqliteArchiveBackend();

    protected override string ArchiveKeys() => $"    path {Path.Combine(Folder, "archive.db")}\n";

    protected override string MissingArchiveKeys() => $"    path {Path.Combine(Folder, "nosuch", "archive.db")}\n";

    protected override string UnusableArchiveKeys()
    {
        // A regular file where the archive's folder should be.
        var file = Path.Combine(Folder, "plain-file");
        File.WriteAllText(file, "not a folder");
        return $"    path {Path.Combine(file, "archive.db")}\n";
    }

    protected override long? RefusedStatusWrites(IArchiveWriter writer) => Assert.IsType<WatchedArchive>(writer).RefusedStatusWrites;

    protected override void RunRetention(IArchiveWriter writer) => _ = Assert.IsType<WatchedArchive>(writer).RunRetentionNow();
}
