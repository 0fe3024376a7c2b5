using System.Text.Json.Serialization;

namespace Fathom.Child.Wire;

public sealed record WireSeries([property: JsonPropertyName("n")] string Name, [property: JsonPropertyName("u")] string Unit, [property: JsonPropertyName("t")] Dictionary<string, string> Tags);

public sealed record WireEvent([property: JsonPropertyName("n")] string Name, [property: JsonPropertyName("t")] Dictionary<string, string> Tags, [property: JsonPropertyName("time")] long TimeUnixNs, [property: JsonPropertyName("json")] string Json);

public sealed record WireStatus([property: JsonPropertyName("e")] string Element, [property: JsonPropertyName("time")] long TimeUnixNs, [property: JsonPropertyName("oper")] string Oper, [property: JsonPropertyName("admin")] string? Admin, [property: JsonPropertyName("prev")] long? PreviousUnixNs = null);

[JsonSerializable(typeof(WireSeries))]
[JsonSerializable(typeof(WireEvent))]
[JsonSerializable(typeof(WireStatus))]
public sealed partial class WireJson : JsonSerializerContext;
