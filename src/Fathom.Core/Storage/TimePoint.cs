namespace Fathom.Core.Storage;

/// <summary>One stored point of a series; a NaN value is a point without a value.</summary>
/// <param name="TimeNs">Unix time in nanoseconds.</param>
/// <param name="Value">The value.</param>
public readonly record struct TimePoint(long TimeNs, double Value);
