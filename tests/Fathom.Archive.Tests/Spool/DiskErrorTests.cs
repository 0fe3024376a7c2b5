using Fathom.Archive.Spool;
using Fathom.TestSupport;

namespace Fathom.Archive.Tests.Spool;

public sealed class DiskErrorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static DiskSpool Open(string folder, ListLogger logger, long segmentBytes = 64 * 1024) =>
        DiskSpool.Open(new SpoolOptions { Folder = folder, SegmentBytes = segmentBytes, Logger = logger });

    [Fact]
    public async Task Append_TmpfsFull_ThrowsNamingFileAndReasonThenSucceedsOnceSpaceIsFreed()
    {
        using var disk = new Tmpfs("1m");
        var folder = Path.Combine(disk.Root, "spool");
        var logger = new ListLogger();
        var batches = new List<Fathom.Core.Measurements.Measurement[]>();
        long last = 0;
        SpoolException? error = null;
        using (var spool = Open(folder, logger))
        {
            var random = new Random(5);
            for (var i = 0; i < 10_000 && error is null; i++)
            {
                var batch = SpoolData.Batch(random, 60);
                try
                {
                    last = await spool.AppendAsync(batch, default).AsTask().WaitAsync(Timeout);
                    batches.Add(batch);
                }
                catch (SpoolException e)
                {
                    error = e;
                }
            }

            Assert.NotNull(error);
            Assert.Contains("No space left on device", error.Message, StringComparison.Ordinal);
            Assert.Contains(folder, error.Message, StringComparison.Ordinal);
            var stats = spool.Stats;
            Assert.Equal(1, stats.WriteErrors);
            Assert.Equal(error.Message, stats.LastError);
            Assert.Contains(logger.Entries, e => e.Message.Contains("No space left on device", StringComparison.Ordinal));

            // Nothing half-written is left: the files hold exactly the records appended.
            Assert.Equal(Directory.GetFiles(folder, "*.seg").Sum(f => new FileInfo(f).Length), stats.PendingBytes);

            // The next append retries (and fails again while the disk is full: never a silent drop).
            await Assert.ThrowsAsync<SpoolException>(() => spool.AppendAsync(batches[0], default).AsTask().WaitAsync(Timeout));
            Assert.Equal(last, batches.Count);

            // Delivering the first half frees its segments; then appends succeed again.
            spool.Acknowledge(last / 2);
            var next = await spool.AppendAsync(batches[0], default).AsTask().WaitAsync(Timeout);
            Assert.True(next > last);
            Assert.Null(spool.Stats.LastError);
            var read = RecoveryTests.ReadAll(spool, spool.Acknowledged);
            Assert.Equal(last - (last / 2) + 1, read.Count);
            for (var i = 0; i < read.Count - 1; i++)
            {
                SpoolData.Equal(batches[(int)read[i].Sequence - 1], read[i].Measurements);
            }
        }

        using (var again = Open(folder, new ListLogger()))
        {
            Assert.Equal(0, again.Stats.CorruptRecords);
            Assert.Equal(last - (last / 2) + 1, RecoveryTests.ReadAll(again, again.Acknowledged).Count);
        }
    }

    [Fact]
    public async Task Append_FolderMadeUnwritable_ThrowsNamingTheSegmentThenSucceedsWhenWritableAgain()
    {
        using var root = new SpoolFolder();
        var logger = new ListLogger();
        using var spool = Open(root.Path, logger, segmentBytes: 4096);
        var batch = SpoolData.Batch(new Random(1), 50, mixed: false);
        await spool.AppendAsync(batch, default).AsTask().WaitAsync(Timeout);
        Privileged.Run("chattr", "+i", root.Path);
        SpoolException? error = null;
        try
        {
            // Appends go on in the open segment until a new one must be made in the folder.
            for (var i = 0; i < 50 && error is null; i++)
            {
                try
                {
                    await spool.AppendAsync(batch, default).AsTask().WaitAsync(Timeout);
                }
                catch (SpoolException e)
                {
                    error = e;
                }
            }
        }
        finally
        {
            Privileged.Run("chattr", "-i", root.Path);
        }

        Assert.NotNull(error);
        Assert.Contains("denied", error.Message, StringComparison.Ordinal);
        Assert.Contains(root.Path, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, spool.Stats.WriteErrors);
        var pending = spool.Stats.PendingBatches;
        Assert.Equal(pending + 1, await spool.AppendAsync(batch, default).AsTask().WaitAsync(Timeout));
        Assert.Equal(pending + 1, RecoveryTests.ReadAll(spool).Count);
    }

    [Fact]
    public void Open_UnwritableFolder_ThrowsSpoolExceptionNamingIt()
    {
        using var root = new SpoolFolder();
        Directory.CreateDirectory(root.Path);
        Privileged.Run("chattr", "+i", root.Path);
        try
        {
            var e = Assert.Throws<SpoolException>(() => Open(root.Path, new ListLogger()));
            Assert.Contains(root.Path, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Privileged.Run("chattr", "-i", root.Path);
        }
    }
}
