using Fathom.Core.Measurements;

namespace Fathom.Core.Storage;

/// <summary>A stored series with how many points it has and the times of its first and last.</summary>
/// <param name="Id">The backend's id of the series (stable while the archive lives).</param>
/// <param name="Key">Name, unit and tags.</param>
/// <param name="PointCount">Raw points stored.</param>
/// <param name="FirstTimeNs">Time of the first point, null without points.</param>
/// <param name="LastTimeNs">Time of the newest point, null without points.</param>
public sealed record SeriesInfo(long Id, SeriesKey Key, long PointCount, long? FirstTimeNs, long? LastTimeNs);
