using Fathom.Archive.Delivery;
using Fathom.Archive.Spool;
using Fathom.TestSupport;
using static Fathom.Archive.Tests.Delivery.TestTargets;

namespace Fathom.Archive.Tests.Delivery;

/// <summary>One target's delivery loop: order, at-least-once with the server's idempotent skip, outages said once each way, the stop's grace.</summary>
public sealed class ArchiveTargetTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Deliver_SpooledBatches_InOrderAndAcknowledged()
    {
        var spool = new MemorySpool();
        var writer = new FakeWriter();
        var log = new ListLogger();
        await using var target = Create("central", writer, spool, log);
        target.Start();

        for (var i = 0; i < 20; i++)
        {
            await target.EnqueueAsync(Batch(i * 10, 10), CancellationToken.None);
        }

        await Until(() => spool.Acknowledged == 20, "all 20 batches acknowledged");
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (double)i), writer.Stored);
        var status = target.Status();
        Assert.Equal("up", status.State);
        Assert.Equal(200, status.DeliveredMeasurements);
        Assert.Equal(0, status.PendingBatches);
    }

    [Fact]
    public async Task Deliver_AnswerLostAfterCommit_RetriedAndSkippedByTheServerStoredOnce()
    {
        var spool = new MemorySpool();
        var writer = new FakeWriter { LoseAnswers = 3 };
        await using var target = Create("central", writer, spool, new ListLogger());
        target.Start();

        for (var i = 0; i < 5; i++)
        {
            await target.EnqueueAsync(Batch(i * 10, 10), CancellationToken.None);
        }

        await Until(() => spool.Acknowledged == 5, "all 5 batches acknowledged");
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (double)i), writer.Stored);
        Assert.True(target.Status().DuplicateBatches >= 1);
        Assert.Equal(3, target.Status().Retries);
    }

    [Fact]
    public async Task Outage_ManyFailures_OneUnreachableLineAndOneBackLineWithTheBacklog()
    {
        var spool = new MemorySpool();
        var writer = new FakeWriter { Down = true };
        var log = new ListLogger();
        await using var target = Create("central", writer, spool, log);
        target.Start();
        for (var i = 0; i < 4; i++)
        {
            await target.EnqueueAsync(Batch(i * 5, 5), CancellationToken.None);
        }

        await Until(() => writer.Attempts >= 20, "20 failed attempts");
        var down = target.Status();
        Assert.Equal("down", down.State);
        Assert.Equal(4, down.PendingBatches);
        Assert.Equal(20, down.PendingMeasurements);
        Assert.Equal("connection refused", down.LastError);

        writer.Down = false;
        await Until(() => spool.Acknowledged == 4, "backlog delivered");

        var lines = log.Entries.Select(e => e.Message).ToList();
        var unreachable = Assert.Single(lines, l => l.Contains("unreachable", StringComparison.Ordinal));
        Assert.StartsWith("archive central unreachable: connection refused; spooling (", unreachable, StringComparison.Ordinal);
        var back = Assert.Single(lines, l => l.Contains(" back after ", StringComparison.Ordinal));
        Assert.Matches(@"^archive central back after [0-9.]+s: delivering backlog of 4 batches / 20 measurements, oldest age \d+s$", back);
        Assert.Equal("up", target.Status().State);
    }

    [Fact]
    public async Task Restart_BacklogInTheSpool_DeliveredBeforeNewBatches()
    {
        var spool = new MemorySpool();
        var writer = new FakeWriter();
        for (var i = 0; i < 3; i++)
        {
            await spool.AppendAsync(Batch(i * 10, 10), CancellationToken.None);
        }

        await using var target = Create("central", writer, spool, new ListLogger());
        target.Start();
        await target.EnqueueAsync(Batch(30, 10), CancellationToken.None);

        await Until(() => spool.Acknowledged == 4, "backlog and new batch");
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (double)i), writer.Stored);
    }

    [Fact]
    public async Task Stop_TargetHangs_ReturnsAfterTheGraceLeavingTheBatchInTheSpool()
    {
        var spool = new MemorySpool();
        var writer = new FakeWriter { Hang = true };
        var log = new ListLogger();
        var target = Create("central", writer, spool, log);
        target.Start();
        await target.EnqueueAsync(Batch(0, 10), CancellationToken.None);
        await Until(() => writer.Attempts > 0, "a write started");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await target.StopAsync(TimeSpan.FromMilliseconds(300)).WaitAsync(Timeout);

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        Assert.Equal(0, spool.Acknowledged);
        Assert.Contains(log.Entries, e => e.Message == "archive central stopped: 0 measurements delivered; 1 batches / 10 measurements left in the spool for the next start");
        await target.DisposeAsync();
    }

    [Fact]
    public async Task Stop_TargetUp_DrainsWithinTheGrace()
    {
        var spool = new MemorySpool();
        var writer = new FakeWriter();
        var target = Create("central", writer, spool, new ListLogger());
        for (var i = 0; i < 10; i++)
        {
            await target.EnqueueAsync(Batch(i, 1), CancellationToken.None);
        }

        target.Start();
        await target.StopAsync(TimeSpan.FromSeconds(5)).WaitAsync(Timeout);

        Assert.Equal(10, spool.Acknowledged);
        Assert.Equal(10, writer.Stored.Count);
        await target.DisposeAsync();
    }

    [Fact]
    public async Task Unspooled_QueueFullWhileDown_OldestDroppedCountedAndLogged()
    {
        var writer = new FakeWriter { Down = true };
        var log = new ListLogger();
        await using var target = Create("local", writer, spool: null, log, queueBatches: 4);
        target.Start();
        await Until(() => true, "started");
        for (var i = 0; i < 10; i++)
        {
            await target.EnqueueAsync(Batch(i * 10, 10), CancellationToken.None);
        }

        await Until(() => target.Status().DroppedMeasurements >= 50, "drops counted");
        Assert.Contains(log.Entries, e => e.Message.StartsWith("archive local: memory queue full", StringComparison.Ordinal));

        writer.Down = false;
        await Until(() => target.Status().PendingBatches == 0, "queue delivered");
        // The newest batches survive (oldest dropped first), still in order; a batch the loop already
        // held (retrying it while the target was down) is kept too, so only the tail is fixed.
        Assert.Equal(writer.Stored.Order(), writer.Stored);
        Assert.Equal(Enumerable.Range(60, 40).Select(i => (double)i), writer.Stored.TakeLast(40));
        Assert.Equal(100, writer.Stored.Count + target.Status().DroppedMeasurements);
    }

    [Fact]
    public async Task Enqueue_SpoolAppendFails_ThrowsCountedAndLoggedOnce()
    {
        var spool = new MemorySpool { FailAppends = new SpoolException("/spool/c: No space left on device") };
        var log = new ListLogger();
        await using var target = Create("central", new FakeWriter(), spool, log);

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<SpoolException>(() => target.EnqueueAsync(Batch(0, 1), CancellationToken.None).AsTask());
        }

        Assert.True(target.AppendFailing);
        Assert.Equal(3, target.Status().SpoolWriteErrors);
        Assert.Single(log.Entries, e => e.Message.Contains("spool append failed", StringComparison.Ordinal));

        spool.FailAppends = null;
        await target.EnqueueAsync(Batch(0, 1), CancellationToken.None);
        Assert.False(target.AppendFailing);
    }
}
