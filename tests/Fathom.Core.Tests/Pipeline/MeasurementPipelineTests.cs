using Fathom.Core.Measurements;
using Fathom.Core.Pipeline;
using Fathom.Core.Tests.Scheduling;
using Fathom.TestSupport;

namespace Fathom.Core.Tests.Pipeline;

public sealed class MeasurementPipelineTests
{
    private static readonly SeriesKey Series = new("value", "", [new("collector", "test")]);

    [Fact]
    public async Task Write_ManyFromOneWriter_AllWrittenOnceInOrder()
    {
        using var archive = new FakeArchive();
        var pipeline = new MeasurementPipeline(archive, new RecordingLogger(), new FakeTimeProvider(), capacity: 100_000, batchSize: 100);

        for (var i = 0; i < 20_000; i++)
        {
            pipeline.Write(Sample(i));
        }

        await Poll.WithDeadline(pipeline.CompleteAsync(), "CompleteAsync");

        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => (double)i), archive.Values);
        Assert.All(archive.Batches, b => Assert.InRange(b.Length, 1, 100));
        Assert.Equal(20_000, pipeline.Stats.Received);
        Assert.Equal(20_000, pipeline.Stats.Written);
        Assert.Equal(0, pipeline.Stats.Dropped);
        Assert.Equal(archive.Batches.Count, pipeline.Stats.Batches);
        Assert.Equal(0, pipeline.Stats.Pending);
    }

    [Fact]
    public async Task Write_ArchiveCompletesAsynchronously_AllWrittenOnceInOrderOneWriteAtATime()
    {
        using var archive = new FakeArchive { Asynchronous = true };
        var pipeline = new MeasurementPipeline(archive, new RecordingLogger(), new FakeTimeProvider(), capacity: 100_000, batchSize: 100);

        for (var i = 0; i < 20_000; i++)
        {
            pipeline.Write(Sample(i));
        }

        await Poll.WithDeadline(pipeline.CompleteAsync(), "CompleteAsync");

        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => (double)i), archive.Values);
        Assert.Equal(1, archive.MostInCall);
        Assert.Equal(20_000, pipeline.Stats.Written);
        Assert.Equal(archive.Batches.Count, pipeline.Stats.Batches);
    }

    [Fact]
    public async Task Write_ManyWritersConcurrently_EachWritersOrderKeptNothingLost()
    {
        using var archive = new FakeArchive();
        var pipeline = new MeasurementPipeline(archive, new RecordingLogger(), new FakeTimeProvider(), capacity: 1_000_000, batchSize: 500);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                pipeline.Write(Sample((w * 100_000) + i));
            }
        })));
        await Poll.WithDeadline(pipeline.CompleteAsync(), "CompleteAsync");

        var values = archive.Values;
        Assert.Equal(40_000, values.Count);
        for (var w = 0; w < 4; w++)
        {
            var mine = values.Where(v => v >= w * 100_000 && v < (w + 1) * 100_000).ToList();
            Assert.Equal(Enumerable.Range(w * 100_000, 10_000).Select(i => (double)i), mine);
        }
    }

    [Fact]
    public async Task WriteBatch_ArchiveFailsThreeTimes_RetriesWithBackoffAndKeepsTheBatch()
    {
        using var archive = new FakeArchive();
        var clock = new FakeTimeProvider();
        var logger = new RecordingLogger();
        var pipeline = new MeasurementPipeline(archive, logger, clock, capacity: 1_000, batchSize: 1_000);
        archive.Close();
        archive.FailNext(3);
        for (var i = 0; i < 10; i++)
        {
            pipeline.Write(Sample(i));
        }

        await Poll.UntilAsync(() => archive.InCall, "the first write");
        archive.Open();
        for (var i = 10; i < 20; i++)
        {
            pipeline.Write(Sample(i)); // arrive while the archive is failing
        }

        foreach (var backoff in new[] { 250, 500, 1_000 })
        {
            await Poll.UntilAsync(() => clock.ActiveTimers == 1, "the retry delay");
            clock.Advance(TimeSpan.FromMilliseconds(backoff - 1));
            Assert.Equal(1, clock.ActiveTimers); // not yet
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        await Poll.WithDeadline(pipeline.CompleteAsync(), "CompleteAsync");

        Assert.Equal(Enumerable.Range(0, 20).Select(i => (double)i), archive.Values);

        // The writer may take its first batch before all ten have arrived: that batch, whatever it held, was retried whole.
        var first = archive.Batches[0].Select(m => m.Sample.Value).ToList();
        Assert.InRange(first.Count, 1, 10);
        Assert.Equal(Enumerable.Range(0, first.Count).Select(i => (double)i), first);
        Assert.Equal(3, pipeline.Stats.WriteErrors);
        Assert.Equal(20, pipeline.Stats.Written);
        Assert.Equal(0, pipeline.Stats.Dropped);
        Assert.Equal(3, logger.Count("ArchiveWriteFailed"));
    }

    [Fact]
    public async Task Write_QueueOverflows_DropsOldestAndCountsEveryLoss()
    {
        using var archive = new FakeArchive();
        var logger = new RecordingLogger();
        var pipeline = new MeasurementPipeline(archive, logger, new FakeTimeProvider(), capacity: 10, batchSize: 5);
        archive.Close();
        pipeline.Write(Sample(0));
        await Poll.UntilAsync(() => archive.InCall, "the writer to hold the first batch");

        for (var i = 1; i <= 100; i++)
        {
            pipeline.Write(Sample(i));
        }

        Assert.Equal(90, pipeline.Stats.Dropped);
        Assert.Equal(10, pipeline.Queued);
        archive.Open();
        await Poll.WithDeadline(pipeline.CompleteAsync(), "CompleteAsync");

        Assert.Equal([0, .. Enumerable.Range(91, 10).Select(i => (double)i)], archive.Values);
        Assert.Equal(101, pipeline.Stats.Received);
        Assert.Equal(11, pipeline.Stats.Written);
        Assert.Equal(pipeline.Stats.Received, pipeline.Stats.Written + pipeline.Stats.Dropped);
        // The first drop and then every power of two: 1, 2, 4, ..., 64.
        Assert.Equal(7, logger.Count("PipelineDropped"));
    }

    [Fact]
    public async Task CompleteAsync_WithQueuedMeasurements_FlushesAllBeforeReturning()
    {
        using var archive = new FakeArchive();
        var pipeline = new MeasurementPipeline(archive, new RecordingLogger(), new FakeTimeProvider(), capacity: 10_000, batchSize: 7);
        archive.Close();
        for (var i = 0; i < 100; i++)
        {
            pipeline.Write(Sample(i));
        }

        var complete = pipeline.CompleteAsync();
        Assert.False(complete.IsCompleted);
        archive.Open();
        await Poll.WithDeadline(complete, "CompleteAsync");

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (double)i), archive.Values);
        Assert.Equal(0, pipeline.Stats.Pending);
    }

    [Fact]
    public async Task Write_AfterComplete_CountedAsDropped()
    {
        using var archive = new FakeArchive();
        var pipeline = new MeasurementPipeline(archive, new RecordingLogger(), new FakeTimeProvider());
        pipeline.Write(Sample(1));
        await Poll.WithDeadline(pipeline.CompleteAsync(), "CompleteAsync");

        pipeline.Write(Sample(2));

        Assert.Equal(2, pipeline.Stats.Received);
        Assert.Equal(1, pipeline.Stats.Written);
        Assert.Equal(1, pipeline.Stats.Dropped);
        Assert.Equal(0, pipeline.Stats.Pending);
    }

    [Fact]
    public async Task CompleteAsync_ArchiveNeverRecovers_GivesUpCountsLostAndLogsCritical()
    {
        using var archive = new FakeArchive();
        var clock = new FakeTimeProvider();
        var logger = new RecordingLogger();
        var pipeline = new MeasurementPipeline(archive, logger, clock, capacity: 100, batchSize: 100);
        archive.FailNext(int.MaxValue);
        for (var i = 0; i < 3; i++)
        {
            pipeline.Write(Sample(i));
        }

        await Poll.UntilAsync(() => clock.ActiveTimers == 1, "the first retry delay");
        var complete = pipeline.CompleteAsync();
        foreach (var backoff in new[] { 250, 500, 1_000, 2_000, 4_000 })
        {
            await Poll.UntilAsync(() => clock.ActiveTimers == 1, "the retry delay");
            clock.Advance(TimeSpan.FromMilliseconds(backoff));
        }

        await Poll.WithDeadline(complete, "CompleteAsync to give up");

        Assert.Equal(6, archive.Attempts);
        Assert.Equal(3, pipeline.Stats.Dropped);
        Assert.Equal(0, pipeline.Stats.Written);
        Assert.Equal(pipeline.Stats.Received, pipeline.Stats.Written + pipeline.Stats.Dropped);
        Assert.Equal(1, logger.Count("ArchiveGaveUp"));
    }

    [Fact]
    public async Task CompleteAsync_ArchiveNeverRecoversWithSeveralBatchesQueued_StillReturns()
    {
        using var archive = new FakeArchive();
        var clock = new FakeTimeProvider();
        var logger = new RecordingLogger();
        var pipeline = new MeasurementPipeline(archive, logger, clock, capacity: 100, batchSize: 2);
        archive.FailNext(int.MaxValue);
        archive.Close();
        for (var i = 0; i < 7; i++)
        {
            pipeline.Write(Sample(i));
        }

        await Poll.UntilAsync(() => archive.InCall, "the first write");
        var complete = pipeline.CompleteAsync();
        archive.Open();
        var waited = TimeSpan.Zero;
        while (!complete.IsCompleted && waited < TimeSpan.FromMinutes(10))
        {
            await Poll.UntilAsync(() => complete.IsCompleted || clock.ActiveTimers == 1, "a retry delay or the end");
            clock.Advance(TimeSpan.FromSeconds(1));
            waited += TimeSpan.FromSeconds(1);
        }

        await Poll.WithDeadline(complete, "CompleteAsync to give up on every batch");
        Assert.Equal(7, pipeline.Stats.Dropped);
        Assert.Equal(pipeline.Stats.Received, pipeline.Stats.Written + pipeline.Stats.Dropped);
        Assert.True(waited <= TimeSpan.FromSeconds(30), $"stopping took {waited.TotalSeconds} s of retries");
    }

    [Fact]
    public async Task Write_EventsAndStatuses_PassThroughInOrder()
    {
        using var archive = new FakeArchive();
        var pipeline = new MeasurementPipeline(archive, new RecordingLogger(), new FakeTimeProvider());
        var ev = new EventRecord("trace", [new("collector", "t")], 5, "{}");
        var st = new StatusRecord("eth0", 6, "up", null);

        pipeline.Write(Sample(1));
        pipeline.Write(Measurement.Of(ev));
        pipeline.Write(Measurement.Of(st));
        await Poll.WithDeadline(pipeline.CompleteAsync(), "CompleteAsync");

        var all = archive.Batches.SelectMany(b => b).ToList();
        Assert.Equal([MeasurementKind.Sample, MeasurementKind.Event, MeasurementKind.Status], all.Select(m => m.Kind));
        Assert.Same(ev, all[1].Event);
        Assert.Same(st, all[2].Status);
    }

    private static Measurement Sample(int i) => Measurement.Of(new Sample(Series, i, i));
}
