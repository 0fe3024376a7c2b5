using Fathom.Core.Collectors;
using Fathom.Core.Scheduling;

namespace Fathom.Core.Tests.Scheduling;

public sealed class CollectorRunnerAlignedTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Start_Aligned_FirstRunAtNextSlotNotNow()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Aligned, TimeSpan.FromSeconds(10), start: RunnerHarness.T0.AddSeconds(3.7));

        h.Runner.Start();

        Assert.Equal(RunnerHarness.T0.AddSeconds(10), await h.ArmedAsync());
        Assert.Equal(RunnerHarness.T0.AddSeconds(10), (await h.RunNextAsync(0)).Started);
    }

    [Fact]
    public async Task Run_AlignedWithJitter_StartsAtSlotsPlusTheCollectorsOffset()
    {
        var interval = TimeSpan.FromSeconds(10);
        var jitter = TimeSpan.FromSeconds(4);
        var offset = SlotPlanner.Offset("ping1", jitter);
        Assert.NotEqual(TimeSpan.Zero, offset);
        await using var h = RunnerHarness.Create(ScheduleMode.Aligned, interval, jitter: jitter, id: "ping1");
        h.Runner.Start();

        for (var i = 0; i < 5; i++)
        {
            var run = await h.RunNextAsync(i);
            Assert.Equal(RunnerHarness.T0 + offset + (interval * i), run.Started);
        }
    }

    [Fact]
    public async Task Run_3600SlowRuns_NoDrift()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Aligned, Second);
        h.Collector.Behaviour = c => c.Held;
        h.Runner.Start();

        for (var i = 0; i < 3600; i++)
        {
            var run = await h.RunNextAsync(i);
            if (run.Started != RunnerHarness.T0 + (Second * (i + 1)))
            {
                Assert.Fail($"run {i} started at {run.Started:O}, not on its slot");
            }

            h.Advance(TimeSpan.FromMilliseconds(100 + (i % 9 * 100))); // 0.1 s to 0.9 s of work
            run.Release();
        }

        await h.ArmedAsync();
        Assert.Equal(3600, h.Stats.Runs);
        Assert.Equal(0, h.Stats.Overruns);
        Assert.Equal(1, h.Collector.MaxActive);
    }

    [Fact]
    public async Task Run_LongerThanInterval_CountsOverrunAndNextRunIsNextFreeSlot()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Aligned, Second, timeout: TimeSpan.FromSeconds(30));
        h.Collector.Behaviour = c => c.Held;
        h.Runner.Start();

        var first = await h.RunNextAsync(0);
        h.Advance(TimeSpan.FromSeconds(1.5)); // ends at 2.5: slot 2 is lost
        first.Release();

        Assert.Equal(RunnerHarness.T0.AddSeconds(3), await h.ArmedAsync());
        Assert.Equal(1, h.Stats.Overruns);
        Assert.Equal(1, h.Logger.Count("CollectorOverran"));
        var second = await h.RunNextAsync(1);
        Assert.Equal(RunnerHarness.T0.AddSeconds(3), second.Started);
        second.Release();
        Assert.Equal(RunnerHarness.T0.AddSeconds(4), await h.ArmedAsync());
        Assert.Equal(1, h.Stats.Overruns);
        Assert.Equal(1, h.Collector.MaxActive);
    }

    [Fact]
    public async Task Run_EndsExactlyOnNextSlot_ThatSlotIsSkipped()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Aligned, Second, timeout: TimeSpan.FromSeconds(30));
        h.Collector.Behaviour = c => c.Held;
        h.Runner.Start();

        var first = await h.RunNextAsync(0);
        h.Advance(Second);
        first.Release();

        Assert.Equal(RunnerHarness.T0.AddSeconds(3), await h.ArmedAsync());
        Assert.Equal(1, h.Stats.Overruns);
    }

    [Fact]
    public async Task Run_WallClockBehindTheSlotWhenRunEnds_SameSlotNotRunTwice()
    {
        // The timer waits on the monotonic clock, the slot is wall-clock time: NTP slewing (or a
        // timer rounding its due time) can start a run a little before its slot.
        await using var h = RunnerHarness.Create(ScheduleMode.Aligned, TimeSpan.FromSeconds(60));
        h.Collector.Behaviour = c =>
        {
            if (c.Index == 0)
            {
                h.Clock.SetUtcNow(c.Started - TimeSpan.FromMilliseconds(30));
            }

            return Task.FromResult(CollectOutcome.Default);
        };
        h.Runner.Start();

        var first = await h.RunNextAsync(0);
        var due = await h.ArmedAsync();

        Assert.Equal(RunnerHarness.T0.AddSeconds(60), first.Started);
        Assert.Equal(RunnerHarness.T0.AddSeconds(120), due);
    }

    [Fact]
    public async Task Run_WallClockStepsBackMoreThanAnInterval_FollowsTheWallClock()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Aligned, TimeSpan.FromSeconds(10));
        h.Collector.Behaviour = c =>
        {
            if (c.Index == 0)
            {
                h.Clock.SetUtcNow(c.Started - TimeSpan.FromHours(1));
            }

            return Task.FromResult(CollectOutcome.Default);
        };
        h.Runner.Start();

        await h.RunNextAsync(0);

        Assert.Equal(RunnerHarness.T0.AddSeconds(10) - TimeSpan.FromHours(1) + TimeSpan.FromSeconds(10), await h.ArmedAsync());
    }

    [Fact]
    public async Task Run_LateTimer_LatenessHistogramRecordsHowLate()
    {
        await using var h = RunnerHarness.Create(ScheduleMode.Aligned, Second);
        h.Runner.Start();

        await h.RunNextAsync(0);
        var due = await h.ArmedAsync();
        h.Clock.SetUtcNow(h.Now + TimeSpan.FromMilliseconds(7)); // the wall clock says the timer fired 7 ms late
        h.Advance(due - h.Now + TimeSpan.FromMilliseconds(7));
        await Poll.UntilAsync(() => h.Collector.Calls == 2, "the second run");

        Assert.Equal(2, h.Lateness.Count);
        Assert.Equal(7_000, h.Lateness.MaxMicroseconds);
        Assert.Equal(0, h.Lateness.Quantile(0.5));
    }
}
