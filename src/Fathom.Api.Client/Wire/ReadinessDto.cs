namespace Fathom.Api.Client.Wire;

/// <summary>GET /readyz: ready when every check is; each check names what it looked at.</summary>
public sealed record ReadinessDto(bool Ready, IReadOnlyList<ReadinessCheckDto> Checks);
