namespace Fathom.Collectors.Probes;

/// <summary>
/// Times consecutive phases on one clock, so the laps add up exactly to the elapsed time, and
/// remembers the phase under way for failure reasons.
/// </summary>
internal sealed class PhaseClock
{
    private readonly TimeProvider _time;
    private readonly long _start;
    private long _last;

    public PhaseClock(TimeProvider time)
        : this(time, time.GetTimestamp())
    {
    }

    /// <summary>A clock whose first phase began at <paramref name="start"/> (a timestamp of <paramref name="time"/>).</summary>
    public PhaseClock(TimeProvider time, long start)
    {
        _time = time;
        _start = start;
        _last = start;
    }

    /// <summary>What the probe is doing now ("resolving", "connecting", "TLS handshake"...).</summary>
    public string Phase { get; set; } = "resolving";

    public TimeProvider Time => _time;

    public TimeSpan Elapsed => _time.GetElapsedTime(_start);

    /// <summary>From the start to the end of the last lap: exactly the sum of the laps.</summary>
    public double LappedMs => Ms(_last - _start);

    /// <summary>From <paramref name="earlier"/> (a timestamp of the same clock) to this clock's start, in milliseconds.</summary>
    public double MsSinceStartOf(long earlier) => Ms(_start - earlier);

    /// <summary>The time since the previous lap (or the start), in milliseconds; starts the next phase.</summary>
    public double Lap(string nextPhase)
    {
        var now = _time.GetTimestamp();
        var lap = Ms(now - _last);
        _last = now;
        Phase = nextPhase;
        return lap;
    }

    // In raw timestamp units, not TimeSpan ticks: rounding each lap to 100 ns would break the sum.
    private double Ms(long timestamps) => timestamps * 1000.0 / _time.TimestampFrequency;
}
