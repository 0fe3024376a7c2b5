using Fathom.Archive.Spool;
using Fathom.TestSupport;

namespace Fathom.Archive.Tests.Spool;

public sealed class PolicyTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Acknowledge_WholeSegments_DeletesOnlyThoseFullyAcknowledged()
    {
        using var folder = new SpoolFolder();
        using var spool = RecoveryTests.Open(folder, segmentBytes: 4096);
        var batch = SpoolData.Batch(new Random(1), 40, mixed: false);
        for (var i = 0; i < 20; i++)
        {
            await spool.AppendAsync(batch, default).AsTask().WaitAsync(Timeout);
        }

        var segments = folder.Segments;
        Assert.True(segments.Length >= 3, $"{segments.Length} segments");
        Assert.Equal(segments.Length, spool.Stats.Segments);
        var second = long.Parse(Path.GetFileNameWithoutExtension(segments[1]), System.Globalization.CultureInfo.InvariantCulture);

        // One record short of the first segment's end: nothing is deleted.
        spool.Acknowledge(second - 2);
        Assert.Equal(segments.Length, folder.Segments.Length);
        spool.Acknowledge(second - 1);
        Assert.Equal(segments[1..], folder.Segments);
        Assert.Equal(20 - (second - 1), spool.Stats.PendingBatches);
        Assert.Equal((20 - (second - 1)) * 40, spool.Stats.PendingMeasurements);
        Assert.Equal(folder.Segments.Sum(f => new FileInfo(f).Length), spool.Stats.PendingBytes);

        spool.Acknowledge(20);
        Assert.Empty(folder.Segments);
        Assert.Equal(new SpoolStats(0, 0, 0, 0, null, 0, 0, 0, 0, 0, null), spool.Stats);
        Assert.Throws<ArgumentOutOfRangeException>(() => spool.Acknowledge(21));
    }

    [Fact]
    public async Task Append_AtMaxBytesWithDrop_DropsOldestSegmentCountedAndLogged()
    {
        using var folder = new SpoolFolder();
        var logger = new ListLogger();
        using var spool = RecoveryTests.Open(folder, logger, segmentBytes: 16 * 1024, maxBytes: 64 * 1024);
        var batch = SpoolData.Batch(new Random(2), 100, mixed: false);
        var sequences = new List<long>();
        for (var i = 0; i < 60; i++)
        {
            sequences.Add(await spool.AppendAsync(batch, default).AsTask().WaitAsync(Timeout));
            Assert.True(spool.Stats.PendingBytes <= 64 * 1024);
        }

        var stats = spool.Stats;
        Assert.True(stats.DroppedBatches > 0);
        Assert.Equal(stats.DroppedBatches * 100, stats.DroppedMeasurements);
        Assert.Equal(60, stats.DroppedBatches + stats.PendingBatches);
        var drops = logger.Entries.Where(e => e.Message.Contains("dropped segment", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(drops);
        Assert.Contains("unacknowledged batches", drops[0].Message, StringComparison.Ordinal);

        // The reader skips what was dropped and gets the rest in order.
        var read = RecoveryTests.ReadAll(spool);
        Assert.Equal(sequences[(int)stats.DroppedBatches..], read.Select(b => b.Sequence));

        spool.Dispose();
        using var again = RecoveryTests.Open(folder);
        Assert.Equal(stats.DroppedBatches, again.Stats.DroppedBatches);
    }

    [Fact]
    public async Task Append_AtMaxBytesWithBlock_WaitsForAcknowledgementThenAppends()
    {
        using var folder = new SpoolFolder();
        using var spool = RecoveryTests.Open(folder, segmentBytes: 16 * 1024, maxBytes: 64 * 1024, full: SpoolFullPolicy.Block);
        var batch = SpoolData.Batch(new Random(3), 100, mixed: false);
        var appended = 0L;
        ValueTask<long> pending;
        while (true)
        {
            pending = spool.AppendAsync(batch, default);
            if (!pending.IsCompleted)
            {
                break;
            }

            appended = await pending;
            Assert.True(appended < 1000);
        }

        Assert.Equal(appended, spool.Stats.PendingBatches);
        Assert.Equal(0, spool.Stats.DroppedBatches);

        // A cancelled wait gives up without appending.
        using (var cts = new CancellationTokenSource())
        {
            var other = spool.AppendAsync(batch, cts.Token);
            Assert.False(other.IsCompleted);
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => other.AsTask().WaitAsync(Timeout));
        }

        spool.Acknowledge(appended / 2);
        Assert.Equal(appended + 1, await pending.AsTask().WaitAsync(Timeout));
        Assert.Equal(0, spool.Stats.DroppedBatches);
    }

    [Fact]
    public async Task WaitForRecordAsync_ReaderOnAnotherThread_SeesEveryBatchInOrder()
    {
        using var folder = new SpoolFolder();
        using var spool = RecoveryTests.Open(folder, segmentBytes: 8192, sync: TimeSpan.FromMilliseconds(50));
        var batches = Enumerable.Range(0, 200).Select(i => SpoolData.Batch(new Random(i), 5)).ToArray();
        var reader = Task.Run(async () =>
        {
            long after = 0;
            var got = new List<SpoolBatch>();
            while (got.Count < batches.Length)
            {
                await spool.WaitForRecordAsync(after, default).AsTask().WaitAsync(Timeout);
                while (spool.ReadNext(after) is { } b)
                {
                    got.Add(b);
                    after = b.Sequence;
                    spool.Acknowledge(after);
                }
            }

            return got;
        });
        foreach (var b in batches)
        {
            await spool.AppendAsync(b, default).AsTask().WaitAsync(Timeout);
        }

        var read = await reader.WaitAsync(Timeout);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), read.Select(b => b.Sequence));
        for (var i = 0; i < batches.Length; i++)
        {
            SpoolData.Equal(batches[i], read[i].Measurements);
        }

        Assert.Equal(0, spool.Stats.PendingBatches);
    }

    [Fact]
    public void Open_SameFolderTwice_Refused()
    {
        using var folder = new SpoolFolder();
        using var spool = RecoveryTests.Open(folder);
        var e = Assert.Throws<SpoolException>(() => RecoveryTests.Open(folder));
        Assert.Contains("in use", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_StateFileMissingWithSegments_RefusedNamingTheFile()
    {
        using var folder = new SpoolFolder();
        using (var spool = RecoveryTests.Open(folder))
        {
            await spool.AppendAsync(SpoolData.Batch(new Random(1), 2), default).AsTask().WaitAsync(Timeout);
        }

        File.Delete(Path.Combine(folder.Path, SpoolStateFile.FileName));
        var e = Assert.Throws<SpoolException>(() => RecoveryTests.Open(folder));
        Assert.Contains(SpoolStateFile.FileName, e.Message, StringComparison.Ordinal);
    }
}
