using Fathom.Core.Scheduling;

namespace Fathom.Core.Instrumentation;

/// <summary>What the timer tick did: ticks, their lateness, ticks skipped, callbacks that threw.</summary>
public sealed class TimerStats
{
    private long _ticks;
    private long _skipped;
    private long _errors;
    private long _lastLatenessUs;

    public long Ticks => Interlocked.Read(ref _ticks);

    public long Skipped => Interlocked.Read(ref _skipped);

    public long CallbackErrors => Interlocked.Read(ref _errors);

    public TimeSpan LastLateness => TimeSpan.FromMicroseconds(Interlocked.Read(ref _lastLatenessUs));

    public LatencyHistogram Lateness { get; } = new();

    internal void TickFired(TimeSpan lateness)
    {
        Interlocked.Increment(ref _ticks);
        Interlocked.Exchange(ref _lastLatenessUs, (long)lateness.TotalMicroseconds);
        Lateness.Record(lateness);
    }

    internal void AddSkipped(long n) => Interlocked.Add(ref _skipped, n);

    internal long CallbackFailed() => Interlocked.Increment(ref _errors);
}
