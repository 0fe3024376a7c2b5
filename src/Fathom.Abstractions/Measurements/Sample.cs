namespace Fathom.Core.Measurements;

/// <summary>One numeric point: a series, a time (Unix nanoseconds, UTC) and a value.</summary>
public readonly record struct Sample(SeriesKey Series, long TimeUnixNs, double Value);
