using Fathom.Core.Measurements;

namespace Fathom.Archive;

/// <summary>The points of one series in a queried range, ordered by time.</summary>
internal sealed record SeriesPoints(SeriesKey Key, IReadOnlyList<TimePoint> Points);
