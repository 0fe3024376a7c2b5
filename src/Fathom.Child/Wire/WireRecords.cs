using System.Text.Json.Serialization;

namespace Fathom.Child.Wire;

internal sealed record WireSeries([property: JsonPropertyName("n")] string Name, [property: JsonPropertyName("u")] string Unit, [property: JsonPropertyName("t")] Dictionary<string, string> Tags);

internal sealed record WireEvent([property: JsonPropertyName("n")] string Name, [property: JsonPropertyName("t")] Dictionary<string, string> Tags, [property: JsonPropertyName("time")] long TimeUnixNs, [property: JsonPropertyName("json")] string Json);

internal sealed record WireStatus([property: JsonPropertyName("e")] string Element, [property: JsonPropertyName("time")] long TimeUnixNs, [property: JsonPropertyName("oper")] string Oper, [property: JsonPropertyName("admin")] string? Admin);

[JsonSerializable(typeof(WireSeries))]
[JsonSerializable(typeof(WireEvent))]
[JsonSerializable(typeof(WireStatus))]
internal sealed partial class WireJson : JsonSerializerContext;
