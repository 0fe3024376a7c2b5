using Fathom.Core.Collectors;

namespace Fathom.Core.Tests.Scheduling;

public sealed class CollectorRunnerSleepTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Start_Sleep_FirstRunIsImmediate()
    {
        await using var h = RunnerHarness.Create(Collectors.ScheduleMode.Sleep, Interval);

        h.Runner.Start();
        Assert.Equal(RunnerHarness.T0, await h.ArmedAsync());
        var first = await h.RunNextAsync(0);

        Assert.Equal(RunnerHarness.T0, first.Started);
    }

    [Fact]
    public async Task Run_Sleep_NextRunIsIntervalAfterTheRunEnds()
    {
        await using var h = RunnerHarness.Create(Collectors.ScheduleMode.Sleep, Interval, timeout: TimeSpan.FromMinutes(1));
        h.Collector.Behaviour = c => c.Held;
        h.Runner.Start();

        for (var i = 0; i < 3; i++)
        {
            var run = await h.RunNextAsync(i);
            h.Advance(TimeSpan.FromSeconds(i + 1)); // runs take 1 s, 2 s, 3 s
            run.Release();
            Assert.Equal(h.Now + Interval, await h.ArmedAsync());
        }

        var t = RunnerHarness.T0;
        Assert.Equal([t, t.AddSeconds(1 + 10), t.AddSeconds(1 + 10 + 2 + 10)], h.Collector.Starts);
        Assert.Equal(3, h.Stats.Runs);
        Assert.Equal(TimeSpan.FromSeconds(3), h.Stats.LastDuration);
    }

    [Fact]
    public async Task Run_NextDelayRequested_IsHonoured()
    {
        await using var h = RunnerHarness.Create(Collectors.ScheduleMode.Sleep, Interval);
        h.Collector.Behaviour = c => Task.FromResult(c.Index == 0 ? CollectOutcome.After(TimeSpan.FromSeconds(2.5)) : CollectOutcome.Default);
        h.Runner.Start();

        await h.RunNextAsync(0);
        Assert.Equal(RunnerHarness.T0.AddSeconds(2.5), await h.ArmedAsync());
        await h.RunNextAsync(1);
        Assert.Equal(RunnerHarness.T0.AddSeconds(12.5), await h.ArmedAsync());
    }

    [Fact]
    public async Task Run_NextDelayLongerThanInterval_IsHonoured()
    {
        await using var h = RunnerHarness.Create(Collectors.ScheduleMode.Sleep, Interval);
        h.Collector.Behaviour = _ => Task.FromResult(CollectOutcome.After(TimeSpan.FromMinutes(5)));
        h.Runner.Start();

        await h.RunNextAsync(0);

        Assert.Equal(RunnerHarness.T0.AddMinutes(5), await h.ArmedAsync());
        h.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        Assert.Equal(1, h.Collector.Calls);
    }

    [Fact]
    public async Task Run_Throws_CountedLoggedAndNextRunStillHappens()
    {
        await using var h = RunnerHarness.Create(Collectors.ScheduleMode.Sleep, Interval);
        h.Collector.Behaviour = c => c.Index == 0 ? throw new InvalidOperationException("probe broke") : Task.FromResult(CollectOutcome.Default);
        h.Runner.Start();

        await h.RunNextAsync(0);
        Assert.Equal(RunnerHarness.T0 + Interval, await h.ArmedAsync());
        await h.RunNextAsync(1);
        await h.ArmedAsync();

        Assert.Equal(1, h.Stats.Failures);
        Assert.Equal(2, h.Stats.Runs); // runs count every ended run, the failed one too
        Assert.Equal(0, h.Stats.Timeouts);
        var failed = Assert.Single(h.Logger.Entries, e => e.Event == "CollectorFailed");
        Assert.Contains("InvalidOperationException: probe broke", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ThrowsAfterAwait_CountedAsFailure()
    {
        await using var h = RunnerHarness.Create(Collectors.ScheduleMode.Sleep, Interval);
        h.Collector.Behaviour = async c =>
        {
            await c.Held;
            throw new IOException("disk gone");
        };
        h.Runner.Start();

        var run = await h.RunNextAsync(0);
        run.Release();
        await h.ArmedAsync();

        Assert.Equal(1, h.Stats.Failures);
    }

    [Fact]
    public async Task Run_OwnCancellationNotFromTimeout_CountedAsFailureNotTimeout()
    {
        await using var h = RunnerHarness.Create(Collectors.ScheduleMode.Sleep, Interval);
        h.Collector.Behaviour = _ => throw new OperationCanceledException("the collector's own");
        h.Runner.Start();

        await h.RunNextAsync(0);
        await h.ArmedAsync();

        Assert.Equal(1, h.Stats.Failures);
        Assert.Equal(0, h.Stats.Timeouts);
    }

    [Fact]
    public async Task Run_ManyRuns_NeverOverlap()
    {
        await using var h = RunnerHarness.Create(Collectors.ScheduleMode.Sleep, TimeSpan.FromSeconds(1));
        h.Collector.Behaviour = c => c.Held;
        h.Runner.Start();

        for (var i = 0; i < 50; i++)
        {
            var run = await h.RunNextAsync(i);
            h.Advance(TimeSpan.FromMilliseconds(900));
            run.Release();
        }

        Assert.Equal(1, h.Collector.MaxActive);
    }

    [Fact]
    public async Task Run_EmitsThroughContext_WithCollectorTag()
    {
        await using var h = RunnerHarness.Create(Collectors.ScheduleMode.Sleep, Interval, id: "ping1");
        h.Collector.Behaviour = c =>
        {
            c.Context.Emit(c.Context.Series("rtt", "ms"), 1.5);
            return Task.FromResult(CollectOutcome.Default);
        };
        h.Runner.Start();

        await h.RunNextAsync(0);
        await h.ArmedAsync();

        var sample = Assert.Single(h.Sink.Samples());
        Assert.Equal("ping1", sample.Series.Tag("collector"));
        Assert.Equal(CollectContext.ToUnixNs(RunnerHarness.T0), sample.TimeUnixNs);
    }
}
