namespace Fathom.Api.Client.Wire;

/// <summary>GET /api/v1/events.</summary>
public sealed record EventListDto(long From, long To, IReadOnlyList<EventDto> Events);
