using Fathom.Core.Collectors;
using Fathom.Core.Scheduling;

namespace Fathom.Core.Tests.Scheduling;

/// <summary>Runs out of schedule ("run now"): counted, never overlapping, the schedule left as it was.</summary>
public sealed class CollectorRunnerManualTests
{
    private static readonly TimeSpan Ten = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunNow_Aligned_RunsNowAndTheNextSlotStays()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Aligned, Ten, start: RunnerHarness.T0.AddSeconds(3));
        h.Runner.Start();
        Assert.Equal(RunnerHarness.T0.AddSeconds(10), await h.ArmedAsync());

        Assert.Equal(ManualRunStart.Started, h.Runner.RunNow());

        // The run is counted when it ends and the next slot re-armed just after: wait for both.
        await Poll.UntilAsync(() => h.Stats.Runs == 1 && h.Stats.NextRun is not null, "the manual run to end and the next slot to be armed");
        Assert.Equal(RunnerHarness.T0.AddSeconds(3), h.Collector[0].Started);
        Assert.Equal(1, h.Stats.ManualRuns);
        Assert.Equal(RunnerHarness.T0.AddSeconds(10), h.Stats.NextRun);
        Assert.Equal(RunnerHarness.T0.AddSeconds(10), (await h.RunNextAsync(1)).Started);
        Assert.Equal(0, h.Stats.Overruns);
        Assert.Equal(1, h.Lateness.Count); // the scheduled run only: a manual run is never late
    }

    [Fact]
    public async Task RunNow_RunInProgress_Busy()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Sleep, Ten);
        h.Collector.Behaviour = c => c.Held;
        h.Runner.Start();
        var first = await h.RunNextAsync(0);

        Assert.Equal(ManualRunStart.Busy, h.Runner.RunNow());

        first.Release();
        Assert.Equal(0, h.Stats.ManualRuns);
        Assert.Equal(1, h.Collector.MaxActive);
    }

    [Fact]
    public async Task RunNow_ScheduledRunFallsDueDuringIt_FollowsRightAfterNotAnOverrun()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Sleep, Ten);
        h.Collector.Behaviour = c => c.Held;
        h.Runner.Start();
        (await h.RunNextAsync(0)).Release();
        Assert.Equal(RunnerHarness.T0 + Ten, await h.ArmedAsync());

        Assert.Equal(ManualRunStart.Started, h.Runner.RunNow());
        await Poll.UntilAsync(() => h.Collector.Calls == 2, "the manual run to start");
        Assert.Equal(ManualRunStart.Busy, h.Runner.RunNow());
        h.Advance(Ten); // the scheduled run falls due while the manual one holds
        await Task.Yield();
        Assert.Equal(2, h.Collector.Calls);
        h.Collector[1].Release();

        await Poll.UntilAsync(() => h.Collector.Calls == 3, "the scheduled run after the manual one");
        Assert.Equal(RunnerHarness.T0 + Ten, h.Collector[2].Started);
        Assert.Equal(1, h.Collector.MaxActive);
        Assert.Equal(0, h.Stats.Overruns);
        Assert.Equal(1, h.Stats.ManualRuns);
        h.Collector[2].Release();
    }

    [Fact]
    public async Task RunNow_NotStartedOrStopped_Stopped()
    {
        var h = RunnerHarness.Create(ScheduleMode.Sleep, Ten);
        Assert.Equal(ManualRunStart.Stopped, h.Runner.RunNow());
        h.Runner.Start();
        await h.DisposeAsync();

        Assert.Equal(ManualRunStart.Stopped, h.Runner.RunNow());
    }
}
