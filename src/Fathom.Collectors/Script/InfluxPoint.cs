namespace Fathom.Collectors.Script;

/// <summary>One parsed line of InfluxDB line protocol.</summary>
internal sealed record InfluxPoint(
    string Measurement,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    IReadOnlyList<KeyValuePair<string, FieldValue>> Fields,
    long? TimeUnixNs);
