using Fathom.Core.Measurements;

namespace Fathom.Core.Storage;

/// <summary>The points of one series in a queried range, ordered by time.</summary>
/// <param name="Key">The series.</param>
/// <param name="Points">Its points, oldest first.</param>
public sealed record SeriesPoints(SeriesKey Key, IReadOnlyList<TimePoint> Points);
