using System.Text.Json;

namespace Fathom.Api.Client.Wire;

/// <summary>One event (e.g. a traceroute path): its time (Unix ns), name, tags and the collector's JSON document.</summary>
public sealed record EventDto(long Time, string Name, IReadOnlyDictionary<string, string> Tags, JsonElement Data);
