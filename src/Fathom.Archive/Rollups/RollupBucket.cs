using Fathom.Core.Storage;

namespace Fathom.Archive.Rollups;

/// <summary>
/// The summary of the points in one bucket: count, min, max, sum and the last value by time.
/// NaN values are not summarised (a bucket of only NaN has no summary).
/// </summary>
public struct RollupBucket
{
    public long Start;
    public long Count;
    public double Min;
    public double Max;
    public double Sum;
    public double Last;

    public static RollupBucket Of(long start, double value) =>
        new() { Start = start, Count = 1, Min = value, Max = value, Sum = value, Last = value };

    /// <summary>Adds a point later than every point already summarised.</summary>
    public void Add(double value)
    {
        Count++;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
        Sum += value;
        Last = value;
    }

    /// <summary>The bucket's value under <paramref name="aggregation"/>.</summary>
    public readonly double ValueOf(Aggregation aggregation) => aggregation switch
    {
        Aggregation.Avg => Sum / Count,
        Aggregation.Min => Min,
        Aggregation.Max => Max,
        Aggregation.Sum => Sum,
        Aggregation.Count => Count,
        Aggregation.Last => Last,
        _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, null),
    };

    /// <summary>Adds the summary of points later than every point already summarised.</summary>
    public void Merge(in RollupBucket later)
    {
        Count += later.Count;
        Min = Math.Min(Min, later.Min);
        Max = Math.Max(Max, later.Max);
        Sum += later.Sum;
        Last = later.Last;
    }
}
