namespace Fathom.Archive;

/// <summary>One stored point of a series; a NaN value is stored as NULL and read back as NaN.</summary>
internal readonly record struct TimePoint(long TimeNs, double Value);
