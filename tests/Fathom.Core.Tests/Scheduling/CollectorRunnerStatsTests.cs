using Fathom.Core.Collectors;
using Fathom.Core.Scheduling;

namespace Fathom.Core.Tests.Scheduling;

/// <summary>What the runner records for the supervisor's snapshot: the run in progress, the last run with its error, the next run.</summary>
public sealed class CollectorRunnerStatsTests
{
    [Fact]
    public async Task Run_InProgress_RunningSinceItsStart_NoNextRun_ThenLastRunAndNextRun()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Sleep, TimeSpan.FromSeconds(10));
        h.Collector.Behaviour = c => c.Held;
        h.Runner.Start();

        var run = await h.RunNextAsync(0);
        Assert.Equal(RunnerHarness.T0, h.Stats.RunningSince);
        Assert.Null(h.Stats.NextRun);
        Assert.Null(h.Stats.LastRun);

        h.Advance(TimeSpan.FromSeconds(3));
        run.Release();
        var next = await h.ArmedAsync();

        Assert.Null(h.Stats.RunningSince);
        Assert.Equal(next, h.Stats.NextRun);
        Assert.Equal(new CollectorRun(RunnerHarness.T0, TimeSpan.FromSeconds(3), null), h.Stats.LastRun);
    }

    [Fact]
    public async Task Run_Throws_LastRunCarriesTypeAndMessage()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Sleep, TimeSpan.FromSeconds(10));
        h.Collector.Behaviour = _ => throw new IOException("no route");
        h.Runner.Start();

        await h.RunNextAsync(0);
        await h.ArmedAsync();

        Assert.Equal("IOException: no route", h.Stats.LastRun?.Error);
        Assert.Equal(1, h.Stats.Failures);
    }

    [Fact]
    public async Task Run_TimesOut_LastRunSaysSo()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Sleep, TimeSpan.FromSeconds(10), timeout: TimeSpan.FromSeconds(2));
        h.Collector.Behaviour = c => c.HeldCooperatively;
        h.Runner.Start();

        await h.RunNextAsync(0);
        h.Advance(TimeSpan.FromSeconds(2));
        await h.ArmedAsync();

        Assert.Equal("cancelled at its timeout of 2 s", h.Stats.LastRun?.Error);
        Assert.Equal(TimeSpan.FromSeconds(2), h.Stats.LastRun?.Duration);
    }

    [Fact]
    public async Task Stop_NoNextRun()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Sleep, TimeSpan.FromSeconds(10));
        h.Runner.Start();
        await h.RunNextAsync(0);
        await h.ArmedAsync();

        await h.Runner.StopAsync(TimeSpan.FromSeconds(1)).WaitAsync(Poll.Deadline);

        Assert.Null(h.Stats.NextRun);
        Assert.Null(h.Stats.RunningSince);
    }
}
