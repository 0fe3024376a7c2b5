using Fathom.Archive.Sqlite;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using static Fathom.Archive.Tests.Data;

namespace Fathom.Archive.Tests;

/// <summary>A spooled SQLite target: a batch delivered again (a crash between commit and acknowledgement) is stored once.</summary>
public sealed class SequencedWriteTests : IDisposable
{
    private static readonly Guid Stream = Guid.Parse("5f0c3f0e-8a4e-4b6e-9d55-0a7f1c2b3d4e");
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task WriteAsync_SameBatchTwiceAndAfterReopen_StoredOnceLaterOnesStored()
    {
        var path = _folder.File("a.db");
        Measurement[] first = [Point(Key("ping.rtt"), T0, 1.5), Event("trace.path", T0, "{\"hops\":1}")];
        Measurement[] second = [Point(Key("ping.rtt"), T0 + Second, 2.5), Event("trace.path", T0 + Second, "{\"hops\":2}")];
        using (var archive = new SqliteArchive(path))
        {
            Assert.True(await archive.WriteAsync(first, new BatchId(Stream, 1), CancellationToken.None));
            Assert.False(await archive.WriteAsync(first, new BatchId(Stream, 1), CancellationToken.None));
            Assert.True(await archive.WriteAsync(second, new BatchId(Stream, 2), CancellationToken.None));
        }

        using (var reopened = new SqliteArchive(path))
        {
            Assert.False(await reopened.WriteAsync(second, new BatchId(Stream, 2), CancellationToken.None));
            Assert.False(await reopened.WriteAsync(first, new BatchId(Stream, 1), CancellationToken.None));
            // Another stream (another spool) has its own watermark.
            Assert.True(await reopened.WriteAsync(new[] { Event("trace.path", T0 + (2 * Second), "{}") }, new BatchId(Guid.NewGuid(), 1), CancellationToken.None));
        }

        using var reader = ArchiveReader.Open(path);
        Assert.Equal([1.5, 2.5], reader.Query("ping.rtt", [], T0, T0 + Second).Single().Points.Select(p => p.Value));
        Assert.Equal(3, reader.ListEvents(T0, T0 + (2 * Second)).Count);
    }

    [Fact]
    public async Task WriteAsync_ThroughTheBackendsWriter_SkipsWhatTheFileHolds()
    {
        var backend = new SqliteArchiveBackend();
        var options = backend.ForLocation(_folder.File("b.db"));
        using var writer = backend.OpenWriter(options, new ArchiveOpenContext(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TimeProvider.System));
        var sequenced = Assert.IsAssignableFrom<ISequencedArchiveWriter>(writer);
        Measurement[] batch = [Status("link-1", T0, "up")];

        Assert.True(await sequenced.WriteAsync(batch, new BatchId(Stream, 7), CancellationToken.None));
        Assert.False(await sequenced.WriteAsync(batch, new BatchId(Stream, 7), CancellationToken.None));
        Assert.False(await sequenced.WriteAsync(batch, new BatchId(Stream, 6), CancellationToken.None));
    }
}
