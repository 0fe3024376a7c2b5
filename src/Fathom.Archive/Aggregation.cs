using Fathom.Archive.Rollups;

namespace Fathom.Archive;

/// <summary>How the points of one step-wide bucket become one value.</summary>
internal enum Aggregation
{
    Avg,
    Min,
    Max,
    Sum,
    Count,
    Last,
}

internal static class Aggregations
{
    public static string Names => "avg, min, max, sum, count, last";

    public static bool TryParse(string? text, out Aggregation aggregation)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "avg" or "mean":
                aggregation = Aggregation.Avg;
                return true;
            case "min":
                aggregation = Aggregation.Min;
                return true;
            case "max":
                aggregation = Aggregation.Max;
                return true;
            case "sum":
                aggregation = Aggregation.Sum;
                return true;
            case "count":
                aggregation = Aggregation.Count;
                return true;
            case "last":
                aggregation = Aggregation.Last;
                return true;
            default:
                aggregation = default;
                return false;
        }
    }

    public static double ValueOf(in RollupBucket bucket, Aggregation aggregation) => aggregation switch
    {
        Aggregation.Avg => bucket.Sum / bucket.Count,
        Aggregation.Min => bucket.Min,
        Aggregation.Max => bucket.Max,
        Aggregation.Sum => bucket.Sum,
        Aggregation.Count => bucket.Count,
        Aggregation.Last => bucket.Last,
        _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, null),
    };
}
