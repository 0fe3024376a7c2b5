namespace Fathom.Archive;

/// <summary>What the last query read: summary rows (by resolution) and raw points decoded.</summary>
internal readonly record struct QueryCost(long DayRows, long HourRows, long MinuteRows, long RawPoints);
