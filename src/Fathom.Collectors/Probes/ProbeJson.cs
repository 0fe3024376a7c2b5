using System.Text.Json.Serialization;

namespace Fathom.Collectors.Probes;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(FailureEvent))]
internal sealed partial class ProbeJson : JsonSerializerContext;
