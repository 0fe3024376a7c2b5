namespace Fathom.Core.Scheduling;

/// <summary>
/// A lock-free histogram of non-negative durations in microseconds, log-linear buckets (16 per
/// power of two, so quantiles are within ~5 %), for scheduler lateness and run durations.
/// </summary>
public sealed class LatencyHistogram : ILatencyRecorder
{
    private const int SubBuckets = 16;
    private const int Powers = 40;
    private readonly long[] _counts = new long[Powers * SubBuckets];
    private long _max;
    private long _total;

    public long Count => Interlocked.Read(ref _total);

    public double MaxMicroseconds => Interlocked.Read(ref _max);

    public void Record(TimeSpan value) => RecordMicroseconds((long)value.TotalMicroseconds);

    public void RecordMicroseconds(long us)
    {
        us = Math.Max(0, us);
        Interlocked.Increment(ref _counts[Index(us)]);
        Interlocked.Increment(ref _total);
        long seen;
        while (us > (seen = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, us, seen) != seen)
        {
        }
    }

    /// <summary>The value below which <paramref name="q"/> of the records fall, in microseconds.</summary>
    public double Quantile(double q)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Min(UpperBound(i), MaxMicroseconds);
            }
        }

        return MaxMicroseconds;
    }

    public void Reset()
    {
        Array.Clear(_counts);
        Interlocked.Exchange(ref _total, 0);
        Interlocked.Exchange(ref _max, 0);
    }

    private static int Index(long us)
    {
        if (us < SubBuckets)
        {
            return (int)us;
        }

        var power = 63 - (int)long.LeadingZeroCount(us); // >= 4
        var shift = power - 4;
        var sub = (int)((us >> shift) & (SubBuckets - 1));
        var index = ((power - 3) * SubBuckets) + sub;
        return Math.Min(index, (Powers * SubBuckets) - 1);
    }

    private static double UpperBound(int index)
    {
        if (index < SubBuckets)
        {
            return index;
        }

        var power = (index / SubBuckets) + 3;
        var sub = index % SubBuckets;
        var shift = power - 4;
        return ((SubBuckets + sub + 1L) << shift) - 1;
    }
}
