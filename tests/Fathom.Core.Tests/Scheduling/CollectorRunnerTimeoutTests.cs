using Fathom.Core.Collectors;

namespace Fathom.Core.Tests.Scheduling;

public sealed class CollectorRunnerTimeoutTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Run_CooperativePastTimeout_CancelledAtTimeoutAndCounted()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Sleep, TimeSpan.FromSeconds(10), timeout: TimeSpan.FromSeconds(2));
        h.Collector.Behaviour = c => c.HeldCooperatively;
        h.Runner.Start();

        var run = await h.RunNextAsync(0);
        h.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        Assert.False(run.Token.IsCancellationRequested);
        h.Advance(TimeSpan.FromTicks(1));
        Assert.True(run.Token.IsCancellationRequested);

        Assert.Equal(RunnerHarness.T0.AddSeconds(12), await h.ArmedAsync());
        Assert.Equal(1, h.Stats.Timeouts);
        Assert.Equal(0, h.Stats.Failures);
        Assert.Equal(1, h.Stats.Runs); // the timed-out run ended, so it counts
        Assert.Equal(1, h.Logger.Count("CollectorTimedOut"));
    }

    [Fact]
    public async Task Run_AfterTimeout_NextRunGetsAFreshToken()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Sleep, TimeSpan.FromSeconds(10), timeout: TimeSpan.FromSeconds(2));
        h.Collector.Behaviour = c => c.HeldCooperatively;
        h.Runner.Start();

        var first = await h.RunNextAsync(0);
        h.Advance(TimeSpan.FromSeconds(2));
        var second = await h.RunNextAsync(1);

        Assert.True(first.Token.IsCancellationRequested);
        Assert.False(second.Token.IsCancellationRequested);
        second.Release();
        await h.ArmedAsync();
        Assert.Equal(2, h.Stats.Runs);
        Assert.Equal(1, h.Stats.Timeouts);
    }

    [Fact]
    public async Task Run_Uncooperative_AbandonedLaterSlotsSkippedThenResumes()
    {
        // Aligned every second, timeout 1 s: the grace is 0.1 s, so the run is abandoned at 2.1.
        await using var h = RunnerHarness.Create(ScheduleMode.Aligned, Second);
        h.Collector.Behaviour = c => c.Held;
        h.Runner.Start();

        var stuck = await h.RunNextAsync(0);
        h.Advance(Second);
        Assert.True(stuck.Token.IsCancellationRequested);
        Assert.Null(h.Time.NextDue);
        h.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(RunnerHarness.T0.AddSeconds(3), await h.ArmedAsync());
        Assert.Equal(1, h.Stats.Timeouts);
        Assert.Equal(1, h.Logger.Count("CollectorAbandoned"));
        Assert.Equal(1, h.Stats.Overruns); // slot 2 passed while it was waited for

        for (var slot = 3; slot <= 4; slot++)
        {
            h.Advance(await h.ArmedAsync() - h.Now);
            Assert.Equal(RunnerHarness.T0.AddSeconds(slot + 1), await h.ArmedAsync());
        }

        Assert.Equal(1, h.Collector.Calls);
        Assert.Equal(3, h.Stats.Overruns);
        Assert.Equal(2, h.Logger.Count("CollectorStillRunning"));

        h.Advance(TimeSpan.FromMilliseconds(500));
        stuck.Release(); // finally returns at 4.5
        await Poll.UntilAsync(() => h.Collector.Active == 0, "the stuck run to return");
        var resumed = await h.RunNextAsync(1);

        Assert.Equal(RunnerHarness.T0.AddSeconds(5), resumed.Started);
        Assert.False(resumed.Token.IsCancellationRequested);
        Assert.Equal(1, h.Collector.MaxActive);
        Assert.Equal(3, h.Stats.Overruns);
    }

    [Fact]
    public async Task Run_UncooperativeWithLongTimeout_GraceIsCappedAtFiveSeconds()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Sleep, TimeSpan.FromMinutes(10), timeout: TimeSpan.FromMinutes(5));
        h.Collector.Behaviour = c => c.Held;
        h.Runner.Start();

        var stuck = await h.RunNextAsync(0);
        h.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.Null(h.Time.NextDue);
        h.Advance(TimeSpan.FromTicks(1));

        Assert.Equal(h.Now + TimeSpan.FromMinutes(10), await h.ArmedAsync());
        Assert.Equal(1, h.Stats.Timeouts);
        stuck.Release();
    }

    [Fact]
    public async Task Run_UncooperativeSleepSchedule_SkipsUntilItReturns()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Sleep, TimeSpan.FromSeconds(10), timeout: TimeSpan.FromSeconds(1));
        h.Collector.Behaviour = c => c.Index == 0 ? c.Held : Task.FromResult(CollectOutcome.Default);
        h.Runner.Start();

        var stuck = await h.RunNextAsync(0);
        h.Advance(TimeSpan.FromSeconds(1.1));
        h.Advance(await h.ArmedAsync() - h.Now); // 11.1: skipped
        await h.ArmedAsync();
        Assert.Equal(1, h.Collector.Calls);
        Assert.Equal(1, h.Stats.Overruns);

        stuck.Release();
        await Poll.UntilAsync(() => h.Collector.Active == 0, "the stuck run to return");
        var next = await h.RunNextAsync(1);

        Assert.Equal(RunnerHarness.T0.AddSeconds(21.1), next.Started);
    }
}
