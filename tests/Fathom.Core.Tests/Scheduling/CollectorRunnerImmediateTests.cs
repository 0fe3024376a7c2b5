using Fathom.Core.Collectors;
using Fathom.Core.Configuration;
using Fathom.Core.Scheduling;
using Fathom.TestSupport;

namespace Fathom.Core.Tests.Scheduling;

/// <summary>
/// A timer due now may fire before the thread that armed it has moved on. The harshest case is
/// made deterministic here: the runner's timer fires inside Change itself when due at once.
/// </summary>
public sealed class CollectorRunnerImmediateTests
{
    [Fact]
    public async Task Run_NextDelayZeroFiringAtOnce_RunsAgainWithoutCountingAnOverrun()
    {
        var clock = new FakeTimeProvider(RunnerHarness.T0);
        var time = new ImmediateTimeProvider(clock);
        var config = new CollectorConfig("now", "scripted", new ConfigLocation("test.conf", 1), new Dictionary<string, ConfigSetting>(), "/tmp")
        {
            Interval = TimeSpan.FromMinutes(1),
        };
        var collector = new ScriptedCollector(time)
        {
            Behaviour = c => Task.FromResult(c.Index < 3 ? CollectOutcome.After(TimeSpan.Zero) : CollectOutcome.Default),
        };
        var stats = new CollectorStats("now");
        var runner = new CollectorRunner(config, collector, time, new ListSink(), new RecordingLogger(), stats);

        runner.Start();
        await Poll.UntilAsync(() => collector.Calls == 4 || stats.Overruns > 0, "four runs");
        await runner.StopAsync(TimeSpan.Zero);

        Assert.Equal(0, stats.Overruns);
        Assert.Equal(4, collector.Calls);
    }

    /// <summary>The fake clock, except that the runner's timer fires synchronously when armed for now.</summary>
    private sealed class ImmediateTimeProvider(FakeTimeProvider clock) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

        public override long GetTimestamp() => clock.GetTimestamp();

        public override long TimestampFrequency => clock.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            state is CollectorRunner
                ? new ImmediateTimer(clock.CreateTimer(callback, state, dueTime, period), callback, state)
                : clock.CreateTimer(callback, state, dueTime, period);

        private sealed class ImmediateTimer(ITimer inner, TimerCallback callback, object? state) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                if (dueTime == TimeSpan.Zero)
                {
                    inner.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    callback(state);
                    return true;
                }

                return inner.Change(dueTime, period);
            }

            public void Dispose() => inner.Dispose();

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
