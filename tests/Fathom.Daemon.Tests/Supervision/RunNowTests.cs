using Fathom.Api.Hosting;
using Fathom.Core.Scheduling;
using Fathom.TestSupport;

namespace Fathom.Daemon.Tests.Supervision;

/// <summary>"Run now" (the API's admin endpoint) through the real supervisor, for thread and process workers alike.</summary>
public sealed class RunNowTests
{
    private static readonly TimeSpan Deadline = SnapshotHarness.Deadline;

    [Theory]
    [InlineData("thread", "sleep")]
    [InlineData("thread", "aligned")]
    [InlineData("process", "sleep")]
    [InlineData("process", "aligned")]
    public async Task RunNow_Idle_RunsOutOfScheduleCountedAndScheduleUnchanged(string isolation, string schedule)
    {
        await AlignedSlots.AwayFromBoundaryAsync(TimeSpan.FromSeconds(3600), TimeSpan.FromSeconds(40));
        await using var h = SnapshotHarness.Start("c", isolation, $"emit yes\n    collection_interval 3600\n    schedule {schedule}");
        var before = await h.WaitForAsync("c", s => s.State == CollectorState.Idle && s.NextRun is not null && (schedule == "aligned" || s.Runs == 1), "the collector idle with its next run set");
        var samples = h.Sink.Samples().Count;

        var result = await h.Supervisor.RunNowAsync("c", CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(RunNowResult.Started, result);
        var after = await h.WaitForAsync("c", s => s.Runs == before.Runs + 1 && s.ManualRuns == 1 && s.NextRun is not null, "the manual run to end");
        Assert.Equal(before.NextRun, after.NextRun); // the schedule is where it was
        Assert.Equal(0, after.Overruns);
        if (schedule == "aligned")
        {
            Assert.Equal(0, after.NextRun!.Value.UtcTicks % TimeSpan.FromSeconds(3600).Ticks);
        }

        await Poll(() => h.Sink.Samples().Count > samples, "the manual run's sample");
    }

    [Theory]
    [InlineData("thread")]
    [InlineData("process")]
    public async Task RunNow_RunInProgress_BusyNothingStarted(string isolation)
    {
        await using var h = SnapshotHarness.Start("slow", isolation, "sleep 30\n    timeout 60");
        await h.WaitForAsync("slow", s => s.State == CollectorState.Running, "the first run to be in progress");

        var result = await h.Supervisor.RunNowAsync("slow", CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(RunNowResult.Busy, result);
        Assert.Equal(0, h.Of("slow").ManualRuns);
    }

    [Theory]
    [InlineData("thread")]
    [InlineData("process")]
    public async Task RunNow_TwiceAtOnce_OneStartsTheOtherIsBusy(string isolation)
    {
        // schedule sleep: the first run happens at start and the next is 600 s after it, so no scheduled
        // run can fall inside the test (an aligned schedule's slot could, near a 10-minute boundary).
        await using var h = SnapshotHarness.Start("s", isolation, "sleep 2\n    timeout 10\n    collection_interval 600\n    schedule sleep");
        var before = await h.WaitForAsync("s", s => s.State == CollectorState.Idle && s.NextRun is not null && s.Runs == 1, "the first run to end");

        var results = await Task.WhenAll(h.Supervisor.RunNowAsync("s", CancellationToken.None), h.Supervisor.RunNowAsync("s", CancellationToken.None)).WaitAsync(Deadline);

        Assert.Equal([RunNowResult.Started, RunNowResult.Busy], results.Order());
        var done = await h.WaitForAsync("s", s => s.Runs == before.Runs + 1 && s.State == CollectorState.Idle, "the one manual run to end");
        Assert.Equal(1, done.ManualRuns);
    }

    [Fact]
    public async Task RunNow_UnknownId_Unknown()
    {
        await using var h = SnapshotHarness.Start("c", "thread", "emit yes");

        Assert.Equal(RunNowResult.Unknown, await h.Supervisor.RunNowAsync("nope", CancellationToken.None).WaitAsync(Deadline));
    }

    [Fact]
    public async Task RunNow_Stopped_Unavailable()
    {
        var h = SnapshotHarness.Start("c", "process", "emit yes\n    collection_interval 600");
        var worker = Assert.Single(h.Supervisor.Workers);
        await h.DisposeAsync();

        Assert.Equal(RunNowResult.Unavailable, await worker.RunNowAsync(CancellationToken.None).WaitAsync(Deadline));
    }

    private static async Task Poll(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Deadline, $"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }
}
