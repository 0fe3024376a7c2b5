namespace Fathom.Api.Client.Wire;

/// <summary>One stored series: its name, unit, tags, canonical key, and how many points it holds between which times (Unix ns).</summary>
public sealed record SeriesDto(string Name, string Unit, IReadOnlyDictionary<string, string> Tags, string Key, long Points, long? First, long? Last);
