namespace Fathom.Api.Client.Wire;

/// <summary>GET /api/v1/series.</summary>
public sealed record SeriesListDto(IReadOnlyList<SeriesDto> Series);
