using System.Text.Json.Serialization;

namespace Fathom.Api.Client.Wire;

/// <summary>The API's JSON, source-generated (NativeAOT: no reflection), camelCase, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SeriesListDto))]
[JsonSerializable(typeof(QueryResultDto))]
[JsonSerializable(typeof(EventListDto))]
[JsonSerializable(typeof(StatusListDto))]
[JsonSerializable(typeof(CollectorListDto))]
[JsonSerializable(typeof(CollectorDto))]
[JsonSerializable(typeof(ProblemDto))]
[JsonSerializable(typeof(ReadinessDto))]
[JsonSerializable(typeof(ReloadDto))]
[JsonSerializable(typeof(LookupStatusDto))]
public sealed partial class ApiJson : JsonSerializerContext;
