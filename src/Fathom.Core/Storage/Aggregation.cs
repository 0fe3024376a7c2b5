namespace Fathom.Core.Storage;

/// <summary>How the points of one step-wide bucket become one value.</summary>
public enum Aggregation
{
    /// <summary>The mean of the bucket's points.</summary>
    Avg,

    /// <summary>The smallest value.</summary>
    Min,

    /// <summary>The largest value.</summary>
    Max,

    /// <summary>The sum of the values.</summary>
    Sum,

    /// <summary>How many points (NaN values are not counted).</summary>
    Count,

    /// <summary>The newest value by time.</summary>
    Last,
}
