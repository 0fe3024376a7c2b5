using System.Text.Json.Serialization;

namespace Fathom.Collectors.Dns;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<DnsAnswer>))]
internal sealed partial class DnsJson : JsonSerializerContext;
