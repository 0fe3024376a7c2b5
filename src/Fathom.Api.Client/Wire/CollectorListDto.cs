namespace Fathom.Api.Client.Wire;

/// <summary>GET /api/v1/collectors; <see cref="CanRun"/> says whether admin endpoints are enabled (a token is set).</summary>
public sealed record CollectorListDto(IReadOnlyList<CollectorDto> Collectors, bool CanRun);
