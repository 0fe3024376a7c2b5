using Fathom.Core.Collectors;
using Fathom.Core.Configuration;
using Fathom.Core.Scheduling;
using Fathom.TestSupport;

namespace Fathom.Core.Tests.Scheduling;

/// <summary>A <see cref="CollectorRunner"/> on the fake clock, with a scripted collector and helpers to step time.</summary>
internal sealed class RunnerHarness : IAsyncDisposable
{
    /// <summary>A whole second, so aligned slots of whole seconds fall on round numbers.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private RunnerHarness(CollectorConfig config, DateTimeOffset start)
    {
        Clock = new FakeTimeProvider(start);
        Time = new TrackingTimeProvider(Clock);
        Collector = new ScriptedCollector(Time);
        Stats = new CollectorStats(config.Id);
        Runner = new CollectorRunner(config, Collector, Time, Sink, Logger, Stats, Lateness);
    }

    public FakeTimeProvider Clock { get; }

    public TrackingTimeProvider Time { get; }

    public ScriptedCollector Collector { get; }

    public CollectorStats Stats { get; }

    public LatencyHistogram Lateness { get; } = new();

    public RecordingLogger Logger { get; } = new();

    public ListSink Sink { get; } = new();

    public CollectorRunner Runner { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public static RunnerHarness Create(
        ScheduleMode schedule, TimeSpan interval, TimeSpan? timeout = null, TimeSpan? jitter = null, DateTimeOffset? start = null, string id = "test")
    {
        var config = new CollectorConfig(id, "scripted", new ConfigLocation("test.conf", 1), new Dictionary<string, ConfigSetting>(), "/tmp")
        {
            Interval = interval,
            Timeout = timeout ?? interval,
            Schedule = schedule,
            Jitter = jitter ?? TimeSpan.Zero,
        };
        return new RunnerHarness(config, start ?? T0);
    }

    /// <summary>Waits until the runner has armed its timer (a run ended or it started) and returns the due time.</summary>
    public async Task<DateTimeOffset> ArmedAsync()
    {
        await Poll.UntilAsync(() => Time.NextDue is not null, "the runner to arm its timer");
        return Time.NextDue!.Value;
    }

    /// <summary>Waits for the armed timer, moves the clock to its due time (firing it), and waits for run number <paramref name="call"/> to start.</summary>
    public async Task<ScriptedCollector.Call> RunNextAsync(int call)
    {
        var due = await ArmedAsync();
        Advance(due - Now);
        await Poll.UntilAsync(() => Collector.Calls > call, $"run {call} to start");
        return Collector[call];
    }

    /// <summary>Moves the fake clock forward (zero fires timers due now).</summary>
    public void Advance(TimeSpan by) => Clock.Advance(by < TimeSpan.Zero ? TimeSpan.Zero : by);

    public async ValueTask DisposeAsync() => await Runner.StopAsync(TimeSpan.Zero);
}
