namespace Fathom.Core.Pipeline;

/// <summary>
/// The newest committed point of one series. One writer (the pipeline's thread) updates it in
/// place, so readers (a /metrics scrape) keep a reference and never look the series up again.
/// </summary>
public sealed class LatestValue
{
    private long _timeNs;
    private double _value;

    internal LatestValue(long timeNs, double value)
    {
        _timeNs = timeNs;
        _value = value;
    }

    /// <summary>Unix nanoseconds of the point.</summary>
    public long TimeNs => Volatile.Read(ref _timeNs);

    /// <summary>The point's value (NaN: a point without a value).</summary>
    public double Value => Volatile.Read(ref _value);

    // A point older than the one held (a replayed spool, a late child batch) never replaces it.
    internal void Update(long timeNs, double value)
    {
        if (timeNs >= _timeNs)
        {
            Volatile.Write(ref _value, value);
            Volatile.Write(ref _timeNs, timeNs);
        }
    }
}
