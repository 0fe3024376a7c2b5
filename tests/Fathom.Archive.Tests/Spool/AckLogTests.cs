using Fathom.Archive.Spool;
using Fathom.TestSupport;

namespace Fathom.Archive.Tests.Spool;

public sealed class AckLogTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Acknowledge_ManyThenCrash_WatermarkSurvivesAndTheLogIsFoldedIntoTheState()
    {
        using var disk = new Tmpfs("64m");
        var folder = Path.Combine(disk.Root, "spool");
        var options = new SpoolOptions { Folder = folder, SyncInterval = TimeSpan.FromSeconds(1), Logger = new ListLogger() };
        const int count = 5000;
        var spool = DiskSpool.Open(options);
        var one = SpoolData.Batch(new Random(1), 1, mixed: false);
        for (var i = 1; i <= count; i++)
        {
            await spool.AppendAsync(one, default).AsTask().WaitAsync(Timeout);
            spool.Acknowledge(i);
            Assert.True(new FileInfo(Path.Combine(folder, AckLog.FileName)).Length <= AckLog.CompactBytes);
        }

        spool.Crash();
        using (var again = DiskSpool.Open(options))
        {
            Assert.Equal(count, again.Acknowledged);
            Assert.Equal(0, again.Stats.PendingBatches);
        }

        // A torn last entry (a crash mid-write) is ignored; the entry before it counts.
        var acks = Path.Combine(folder, AckLog.FileName);
        using (var s = DiskSpool.Open(options))
        {
            await s.AppendAsync(one, default).AsTask().WaitAsync(Timeout);
            s.Acknowledge(count + 1);
            s.Crash();
        }

        await File.AppendAllTextAsync(acks, "torn");
        using (var again = DiskSpool.Open(options))
        {
            Assert.Equal(count + 1, again.Acknowledged);
            Assert.Equal(0, new FileInfo(acks).Length);
        }
    }
}
