namespace Fathom.Api.Client.Wire;

/// <summary>
/// One series' points, in columns: <see cref="T"/> holds Unix nanoseconds, <see cref="V"/> the
/// values (null for a value JSON cannot hold: NaN, ±∞). Columns are compact and what charts take.
/// </summary>
public sealed record SeriesPointsDto(string Name, string Unit, IReadOnlyDictionary<string, string> Tags, string Key, long[] T, double?[] V);
