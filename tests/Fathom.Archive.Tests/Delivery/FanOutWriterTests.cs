using Fathom.Archive.Delivery;
using Fathom.Archive.Spool;
using Fathom.Core.Pipeline;
using Fathom.TestSupport;
using static Fathom.Archive.Tests.Delivery.TestTargets;

namespace Fathom.Archive.Tests.Delivery;

/// <summary>The pipeline's writer over several targets: each gets every batch once; a dead one blocks nobody.</summary>
public sealed class FanOutWriterTests
{
    [Fact]
    public async Task Write_OneTargetDead_TheOtherGetsEverythingAndTheDeadOneSpools()
    {
        var deadSpool = new MemorySpool();
        var liveSpool = new MemorySpool();
        var dead = new FakeWriter("dead") { Down = true };
        var live = new FakeWriter("live");
        await using var a = Create("dead", dead, deadSpool, new ListLogger());
        await using var b = Create("live", live, liveSpool, new ListLogger());
        a.Start();
        b.Start();
        var fanOut = new FanOutWriter([a, b]);

        for (var i = 0; i < 50; i++)
        {
            await fanOut.WriteAsync(Batch(i * 2, 2), CancellationToken.None);
        }

        await Until(() => liveSpool.Acknowledged == 50, "live target has every batch");
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (double)i), live.Stored);
        Assert.Equal(50, a.Status().PendingBatches);
        Assert.Equal("down", a.Status().State);

        dead.Down = false;
        await Until(() => deadSpool.Acknowledged == 50, "dead target catches up");
        Assert.Equal(live.Stored, dead.Stored);
    }

    [Fact]
    public async Task Write_SecondSpoolFailsThenRecovers_RetryAppendsToItOnlyNotAgainToTheFirst()
    {
        var first = new MemorySpool();
        var second = new MemorySpool { FailAppends = new SpoolException("disk full") };
        await using var a = Create("a", new FakeWriter(), first, new ListLogger());
        await using var b = Create("b", new FakeWriter(), second, new ListLogger());
        var fanOut = new FanOutWriter([a, b]);
        var batch = Batch(0, 3);

        await Assert.ThrowsAsync<SpoolException>(() => fanOut.WriteAsync(batch, CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<SpoolException>(() => fanOut.WriteAsync(batch, CancellationToken.None).AsTask());
        second.FailAppends = null;
        await fanOut.WriteAsync(batch, CancellationToken.None);
        await fanOut.WriteAsync(Batch(3, 3), CancellationToken.None);

        Assert.Equal(2, first.Appends);
        Assert.Equal(2, second.Appends);
    }

    [Fact]
    public async Task Pipeline_ThroughFanOut_SpoolFailureKeepsTheBatchAndNothingIsLost()
    {
        var spool = new MemorySpool { FailAppends = new SpoolException("disk full") };
        var writer = new FakeWriter();
        await using var target = Create("central", writer, spool, new ListLogger());
        target.Start();
        var pipeline = new MeasurementPipeline(new FanOutWriter([target]), new ListLogger(), TimeProvider.System, batchSize: 10);
        foreach (var m in Batch(0, 30))
        {
            pipeline.Write(m);
        }

        await Until(() => pipeline.Stats.ArchiveError is not null, "the pipeline sees the failing spool (not ready)");
        spool.FailAppends = null;
        await pipeline.CompleteAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await Until(() => writer.Stored.Count == 30, "every measurement delivered");

        Assert.Equal(Enumerable.Range(0, 30).Select(i => (double)i), writer.Stored);
        Assert.Null(pipeline.Stats.ArchiveError);
        Assert.Equal(0, pipeline.Stats.Dropped);
    }
}
