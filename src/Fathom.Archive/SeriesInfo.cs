using Fathom.Core.Measurements;

namespace Fathom.Archive;

/// <summary>A stored series with how many points it has and the times of its first and last.</summary>
internal sealed record SeriesInfo(long Id, SeriesKey Key, long PointCount, long? FirstTimeNs, long? LastTimeNs);
