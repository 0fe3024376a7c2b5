using Fathom.Core.Scheduling;
using System.Diagnostics;
using Fathom.Core.Collectors;
using Fathom.Daemon.Supervision;

namespace Fathom.Daemon.Tests.Supervision;

/// <summary>The supervisor's snapshot of every collector, for thread and process isolation alike.</summary>
public sealed class SupervisorSnapshotTests
{
    [Theory]
    [InlineData("thread")]
    [InlineData("process")]
    public async Task Snapshot_FailingCollector_LastRunWithErrorCountersAndNextRun(string isolation)
    {
        var before = DateTimeOffset.UtcNow;
        await using var h = SnapshotHarness.Start("f", isolation, "fail yes");

        var s = await h.WaitForAsync("f", s => s.Failures >= 2 && s.LastRun is not null && s.NextRun is not null, "two failed runs and a next run");

        Assert.Equal(("f", "noop", TimeSpan.FromMilliseconds(100), ScheduleMode.Sleep), (s.Id, s.Module, s.Interval, s.Schedule));
        Assert.Equal(isolation == "process" ? IsolationMode.Process : IsolationMode.Thread, s.Isolation);
        Assert.Equal("InvalidOperationException: noop collector configured to fail", s.LastRun!.Error);
        Assert.InRange(s.LastRun.Start, before, DateTimeOffset.UtcNow);
        Assert.InRange(s.LastRun.Duration, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.True(s.NextRun > s.LastRun.Start, $"next run {s.NextRun} after the last start {s.LastRun.Start}");
        Assert.True(s.Runs >= s.Failures, $"{s.Runs} runs, {s.Failures} failures");
        Assert.Equal((0, 0, 0), (s.Timeouts, s.Overruns, s.Restarts));
        Assert.Contains(s.State, new[] { CollectorState.Idle, CollectorState.Running });
        Assert.Equal(isolation == "process", s.ChildPid is not null);
    }

    [Theory]
    [InlineData("thread")]
    [InlineData("process")]
    public async Task Snapshot_RunInProgress_RunningSinceItsStart_NoNextRunYet(string isolation)
    {
        await using var h = SnapshotHarness.Start("slow", isolation, "sleep 30\n    timeout 60");

        var s = await h.WaitForAsync("slow", s => s.State == CollectorState.Running, "the first run to be in progress");

        Assert.NotNull(s.RunningSince);
        Assert.Null(s.NextRun);
        Assert.Null(s.LastRun);
        Assert.Equal(0, s.Runs);
    }

    [Theory]
    [InlineData("thread")]
    [InlineData("process")]
    public async Task Snapshot_SucceedingCollector_LastRunWithoutError(string isolation)
    {
        await using var h = SnapshotHarness.Start("ok", isolation, "emit yes");

        var s = await h.WaitForAsync("ok", s => s.Runs >= 2 && s.LastRun is not null, "two runs");

        Assert.Null(s.LastRun!.Error);
        Assert.Equal(0, s.Failures);
    }

    [Fact]
    public async Task Snapshot_ChildKilled_RestartingThenCountedAndRunningAgain()
    {
        await using var h = SnapshotHarness.Start("p", "process", "emit yes");
        var first = await h.WaitForAsync("p", s => s.ChildPid is not null && s.Runs >= 1, "the first child's runs");

        using (var child = Process.GetProcessById(first.ChildPid!.Value))
        {
            child.Kill();
        }

        var down = await h.WaitForAsync("p", s => s.State == CollectorState.Restarting, "the restart backoff");
        Assert.Equal(1, down.Restarts);
        Assert.Null(down.ChildPid);
        Assert.Null(down.RunningSince);
        var again = await h.WaitForAsync("p", s => s.ChildPid is { } pid && pid != first.ChildPid && s.LastRun is not null, "a new child");
        Assert.Equal(1, again.Restarts);
    }

    [Fact]
    public async Task Snapshot_AfterStop_Empty()
    {
        var h = SnapshotHarness.Start("t", "thread", "emit yes");
        await h.WaitForAsync("t", s => s.Runs >= 1, "a run");

        await h.DisposeAsync();

        Assert.Empty(h.Supervisor.Snapshot());
    }
}
