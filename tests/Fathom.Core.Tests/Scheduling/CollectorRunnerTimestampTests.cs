using Fathom.Core.Collectors;
using Fathom.Core.Measurements;
using Fathom.Core.Scheduling;

namespace Fathom.Core.Tests.Scheduling;

/// <summary>Samples of a run carry the run's scheduled time, so aligned schedules give exactly regular times.</summary>
public sealed class CollectorRunnerTimestampTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly SeriesKey Key = new("v", "", [new("collector", "test")]);

    [Fact]
    public async Task Run_Aligned_SamplesEmittedLaterCarryTheSlotTime()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Aligned, Interval);
        h.Collector.Behaviour = async c =>
        {
            h.Clock.Consume(TimeSpan.FromMilliseconds(700)); // work before the first sample
            c.Context.Emit(Key, 1);
            await c.Held;
            c.Context.Emit(Key, 2);
            return CollectOutcome.Default;
        };
        h.Runner.Start();

        for (var i = 0; i < 3; i++)
        {
            var run = await h.RunNextAsync(i);
            h.Advance(TimeSpan.FromMilliseconds(300));
            run.Release();
        }

        // The last run emits its second sample on its own thread after Release: wait for it.
        await Poll.UntilAsync(() => h.Sink.Snapshot().Count == 6, "the last run's second sample");
        var times = h.Sink.Snapshot().Select(m => m.Sample.TimeUnixNs).ToArray();
        var slots = Enumerable.Range(1, 3).Select(i => CollectContext.ToUnixNs(RunnerHarness.T0 + (Interval * i)));
        Assert.Equal(slots.SelectMany(t => new[] { t, t }), times);
    }

    [Fact]
    public async Task Run_StartedLaterThanTheTolerance_SamplesCarryTheStart()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Aligned, Interval);
        h.Collector.Behaviour = c =>
        {
            c.Context.Emit(Key, 1);
            return Task.FromResult(CollectOutcome.Default);
        };
        h.Runner.Start();
        var due = await h.ArmedAsync();

        // The timer fires 40 ms late (a loaded machine): the sample says when it was really taken.
        h.Clock.Consume(due - h.Now + TimeSpan.FromMilliseconds(40));
        h.Advance(TimeSpan.Zero);
        await Poll.UntilAsync(() => h.Sink.Snapshot().Count == 1, "the sample");

        Assert.Equal(CollectContext.ToUnixNs(due.AddMilliseconds(40)), h.Sink.Snapshot()[0].Sample.TimeUnixNs);
    }

    [Fact]
    public void Emit_OutsideAScheduler_CarriesNow()
    {
        var time = new TestSupport.FakeTimeProvider(RunnerHarness.T0.AddSeconds(3));
        var sink = new TestSupport.ListSink();
        var context = new RunContext("test", time, sink, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        context.Emit(Key, 1);

        Assert.Equal(CollectContext.ToUnixNs(RunnerHarness.T0.AddSeconds(3)), sink.Snapshot()[0].Sample.TimeUnixNs);
    }
}
