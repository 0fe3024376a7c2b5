using System.Diagnostics;

namespace Fathom.Benchmarks;

/// <summary>
/// A clock the benchmark moves by hand. CreateTimer hands back the tick callback, so a benchmark
/// calls TimerRegistry's real tick (OnTick → Dispatch) directly, with no thread pool or waiting
/// in the measurement, and exactly on time (lateness 0, no skipped periods).
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private long _now = 1;

    public TimerCallback? Callback { get; private set; }

    public object? State { get; private set; }

    public override long TimestampFrequency => Stopwatch.Frequency;

    public override long GetTimestamp() => _now;

    public void Advance(TimeSpan by) => _now += (long)(by.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Moves the clock one period on and fires the registry's tick on this thread.</summary>
    public void Tick(TimeSpan period)
    {
        Advance(period);
        Callback!(State);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Callback = callback;
        State = state;
        return new Timer();
    }

    private sealed class Timer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
