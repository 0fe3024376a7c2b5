namespace Fathom.Archive.Retention;

/// <summary>What retention removed: raw blocks and their points, summary rows per resolution, events and status ranges.</summary>
public readonly record struct RetentionTotals(long Blocks, long Points, long MinuteRows, long HourRows, long DayRows, long ExpiredSamples)
{
    public long Events { get; init; }

    public long StatusRanges { get; init; }

    public static RetentionTotals operator +(RetentionTotals a, RetentionTotals b) =>
        new(a.Blocks + b.Blocks, a.Points + b.Points, a.MinuteRows + b.MinuteRows, a.HourRows + b.HourRows, a.DayRows + b.DayRows, a.ExpiredSamples + b.ExpiredSamples)
        {
            Events = a.Events + b.Events,
            StatusRanges = a.StatusRanges + b.StatusRanges,
        };
}
