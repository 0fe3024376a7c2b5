namespace Fathom.Api.Client.Wire;

/// <summary>GET /api/v1/status.</summary>
public sealed record StatusListDto(long From, long To, IReadOnlyList<StatusElementDto> Elements);
