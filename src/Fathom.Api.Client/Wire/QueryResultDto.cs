namespace Fathom.Api.Client.Wire;

/// <summary>
/// GET /api/v1/query: the range asked for (Unix ns, inclusive), the step (ns) and aggregation when
/// bucketed, the series, and the damaged parts the archive left out (each named; empty when none).
/// </summary>
public sealed record QueryResultDto(long From, long To, long? Step, string? Agg, IReadOnlyList<SeriesPointsDto> Series, IReadOnlyList<string> Problems);
