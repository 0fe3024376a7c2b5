using Fathom.Core.Collectors;

namespace Fathom.Core.Tests.Scheduling;

public sealed class CollectorRunnerStopTests
{
    [Fact]
    public async Task StopAsync_Idle_NoFurtherRuns()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Sleep, TimeSpan.FromSeconds(10));
        h.Runner.Start();
        await h.RunNextAsync(0);
        await h.ArmedAsync();

        await Poll.WithDeadline(h.Runner.StopAsync(TimeSpan.FromSeconds(5)), "StopAsync");
        h.Advance(TimeSpan.FromHours(1));

        Assert.Equal(1, h.Collector.Calls);
        Assert.Null(h.Time.NextDue);
    }

    [Fact]
    public async Task StopAsync_DuringRun_CancelsItAndDoesNotRearm()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Aligned, TimeSpan.FromSeconds(10), timeout: TimeSpan.FromSeconds(8));
        h.Collector.Behaviour = c => c.HeldCooperatively;
        h.Runner.Start();
        var run = await h.RunNextAsync(0);

        await Poll.WithDeadline(h.Runner.StopAsync(TimeSpan.FromSeconds(5)), "StopAsync");

        Assert.True(run.Token.IsCancellationRequested);
        Assert.Equal(0, h.Collector.Active);
        h.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, h.Collector.Calls);
        Assert.Null(h.Time.NextDue);
        Assert.Equal(0, h.Stats.Timeouts);
        Assert.Equal(0, h.Stats.Failures);
    }

    [Fact]
    public async Task StopAsync_RunFinishesNormallyAfterStop_DoesNotRearm()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Sleep, TimeSpan.FromSeconds(10));
        h.Collector.Behaviour = async c =>
        {
            try
            {
                await c.HeldCooperatively;
            }
            catch (OperationCanceledException)
            {
                // Finishes its round anyway and returns normally.
            }

            return CollectOutcome.After(TimeSpan.Zero);
        };
        h.Runner.Start();
        await h.RunNextAsync(0);

        await Poll.WithDeadline(h.Runner.StopAsync(TimeSpan.FromSeconds(5)), "StopAsync");
        h.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, h.Collector.Calls);
        Assert.Null(h.Time.NextDue);
    }

    [Fact]
    public async Task StopAsync_RunIgnoresCancellation_GivesUpAfterGraceAndLogs()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Sleep, TimeSpan.FromSeconds(10), timeout: TimeSpan.FromMinutes(1));
        h.Collector.Behaviour = c => c.Held;
        h.Runner.Start();
        var run = await h.RunNextAsync(0);

        var stop = h.Runner.StopAsync(TimeSpan.FromSeconds(3));
        // Its timeout and its abandon timer, plus the grace timer StopAsync starts after cancelling.
        await Poll.UntilAsync(() => h.Clock.ActiveTimers == 3, "StopAsync to start its grace timer");
        h.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromTicks(1));
        Assert.False(stop.IsCompleted);
        h.Advance(TimeSpan.FromTicks(1));
        await Poll.WithDeadline(stop, "StopAsync after its grace");

        Assert.Equal(1, h.Logger.Count("CollectorStopAbandoned"));
        run.Release();
        h.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, h.Collector.Calls);
    }

    [Fact]
    public async Task StopAsync_BeforeFirstRun_NeverRuns()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Sleep, TimeSpan.FromSeconds(10));
        h.Runner.Start();

        await Poll.WithDeadline(h.Runner.StopAsync(TimeSpan.FromSeconds(1)), "StopAsync");
        h.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, h.Collector.Calls);
    }

    [Fact]
    public async Task StopAsync_Twice_IsHarmless()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Sleep, TimeSpan.FromSeconds(10));
        h.Runner.Start();

        await Poll.WithDeadline(h.Runner.StopAsync(TimeSpan.FromSeconds(1)), "first StopAsync");
        await Poll.WithDeadline(h.Runner.StopAsync(TimeSpan.FromSeconds(1)), "second StopAsync");
        await h.Runner.DisposeAsync();
        await h.Runner.DisposeAsync();
        await Poll.WithDeadline(h.Runner.StopAsync(TimeSpan.FromSeconds(1)), "StopAsync after DisposeAsync");
    }
}
