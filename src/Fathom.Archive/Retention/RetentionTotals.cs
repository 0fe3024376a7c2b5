namespace Fathom.Archive.Retention;

/// <summary>What retention removed: raw blocks and their points, and summary rows per resolution.</summary>
internal readonly record struct RetentionTotals(long Blocks, long Points, long MinuteRows, long HourRows, long DayRows, long ExpiredSamples)
{
    public static RetentionTotals operator +(RetentionTotals a, RetentionTotals b) =>
        new(a.Blocks + b.Blocks, a.Points + b.Points, a.MinuteRows + b.MinuteRows, a.HourRows + b.HourRows, a.DayRows + b.DayRows, a.ExpiredSamples + b.ExpiredSamples);
}
