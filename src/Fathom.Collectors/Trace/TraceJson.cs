using System.Text.Json.Serialization;

namespace Fathom.Collectors.Trace;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TracePathEvent))]
[JsonSerializable(typeof(TracePathChange))]
internal sealed partial class TraceJson : JsonSerializerContext;
