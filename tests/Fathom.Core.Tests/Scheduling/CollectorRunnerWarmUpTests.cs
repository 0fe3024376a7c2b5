using Fathom.Core.Collectors;
using Fathom.Core.Configuration;
using Fathom.Core.Scheduling;
using Fathom.TestSupport;

namespace Fathom.Core.Tests.Scheduling;

public sealed class CollectorRunnerWarmUpTests
{
    private static readonly DateTimeOffset T0 = RunnerHarness.T0;

    [Theory]
    [InlineData(ScheduleMode.Sleep)]
    [InlineData(ScheduleMode.Aligned)]
    public async Task Start_CollectorWithWarmUp_FirstRunArmedAfterItOutsideTheTimeout(ScheduleMode schedule)
    {
        var (runner, time, collector, stats) = Create(schedule);
        runner.Start();
        await Poll.WithDeadline(collector.WarmUpStarted.Task, "the warm-up to start");

        // Far past the run's timeout and several slots: nothing runs, nothing times out or overruns.
        time.Clock.Advance(TimeSpan.FromSeconds(7.5));
        Assert.Null(time.NextDue);
        Assert.Equal(0, collector.Runs);

        collector.FinishWarmUp.SetResult();
        await Poll.UntilAsync(() => time.NextDue is not null, "the first run to be armed");
        Assert.Equal(schedule == ScheduleMode.Aligned ? T0.AddSeconds(8) : T0.AddSeconds(7.5), time.NextDue);
        time.Clock.Advance(time.NextDue!.Value - time.Clock.GetUtcNow());
        await Poll.UntilAsync(() => collector.Runs == 1, "the first run");
        Assert.Equal(0, stats.Timeouts);
        Assert.Equal(0, stats.Overruns);
        Assert.Equal(1, collector.WarmUps);
        await runner.StopAsync(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Stop_DuringWarmUp_CancelsItAndNeverRuns()
    {
        var (runner, time, collector, _) = Create(ScheduleMode.Sleep);
        runner.Start();
        await Poll.WithDeadline(collector.WarmUpStarted.Task, "the warm-up to start");

        await Poll.WithDeadline(runner.StopAsync(TimeSpan.FromSeconds(5)), "the stop");

        Assert.True(collector.WarmUpToken.IsCancellationRequested);
        Assert.Null(time.NextDue);
        Assert.Equal(0, collector.Runs);
    }

    [Fact]
    public async Task Start_WarmUpThrows_ScheduleStartsAnyway()
    {
        var (runner, time, collector, stats) = Create(ScheduleMode.Sleep);
        collector.FinishWarmUp.SetException(new InvalidOperationException("no loopback"));
        runner.Start();

        await Poll.UntilAsync(() => time.NextDue is not null, "the first run to be armed");
        time.Clock.Advance(TimeSpan.Zero);
        await Poll.UntilAsync(() => collector.Runs == 1, "the first run");
        Assert.Equal(0, stats.Failures);
        await runner.StopAsync(TimeSpan.FromSeconds(1));
    }

    private static (CollectorRunner Runner, TrackingTimeProvider Time, WarmingCollector Collector, CollectorStats Stats) Create(ScheduleMode schedule)
    {
        var config = new CollectorConfig("warm", "scripted", new ConfigLocation("test.conf", 1), new Dictionary<string, ConfigSetting>(), "/tmp")
        {
            Interval = TimeSpan.FromSeconds(2),
            Timeout = TimeSpan.FromSeconds(1),
            Schedule = schedule,
        };
        var time = new TrackingTimeProvider(new FakeTimeProvider(T0));
        var collector = new WarmingCollector();
        var stats = new CollectorStats(config.Id);
        return (new CollectorRunner(config, collector, time, new ListSink(), new RecordingLogger(), stats), time, collector, stats);
    }

    private sealed class WarmingCollector : ICollector, ICollectorWarmUp
    {
        private int _runs;
        private int _warmUps;

        public TaskCompletionSource WarmUpStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource FinishWarmUp { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken WarmUpToken { get; private set; }

        public int Runs => Volatile.Read(ref _runs);

        public int WarmUps => Volatile.Read(ref _warmUps);

        public void Init(CollectorConfig config)
        {
        }

        public async ValueTask WarmUpAsync(CollectContext context, CancellationToken cancellationToken)
        {
            WarmUpToken = cancellationToken;
            Interlocked.Increment(ref _warmUps);
            WarmUpStarted.TrySetResult();
            await FinishWarmUp.Task.WaitAsync(cancellationToken);
        }

        public ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            return ValueTask.FromResult(CollectOutcome.Default);
        }
    }
}
