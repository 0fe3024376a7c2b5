namespace Fathom.Core.Storage;

/// <summary>The names of <see cref="Aggregation"/> as users type them.</summary>
public static class Aggregations
{
    /// <summary>Every name, for messages and help.</summary>
    public static string Names => "avg, min, max, sum, count, last";

    /// <summary>Parses a name (case-insensitive; "mean" is avg).</summary>
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
}
