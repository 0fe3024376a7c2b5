namespace Fathom.Core.Storage;

/// <summary>What the last aggregating query read: summary rows (by resolution) and raw points decoded.</summary>
/// <param name="DayRows">1 d summary rows read.</param>
/// <param name="HourRows">1 h summary rows read (a row may hold a day of hours).</param>
/// <param name="MinuteRows">1 min summary rows read.</param>
/// <param name="RawPoints">Raw points decoded.</param>
public readonly record struct QueryCost(long DayRows, long HourRows, long MinuteRows, long RawPoints);
