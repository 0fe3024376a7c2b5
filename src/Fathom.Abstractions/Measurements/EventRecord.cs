namespace Fathom.Core.Measurements;

/// <summary>A structured result (a traceroute path, a failure reason) kept as JSON.</summary>
public sealed record EventRecord(string Name, IReadOnlyList<KeyValuePair<string, string>> Tags, long TimeUnixNs, string Json);
