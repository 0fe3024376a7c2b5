namespace Fathom.Api.Client.Wire;

/// <summary>GET /api/v1/collectors; <see cref="CanRun"/> says whether admin endpoints are enabled (a token is set).</summary>
public sealed record CollectorListDto(IReadOnlyList<CollectorDto> Collectors, bool CanRun)
{
    /// <summary>The archive targets (first: the one the API reads) with their delivery state; absent from servers before targets.</summary>
    public IReadOnlyList<ArchiveTargetDto>? Archives { get; init; }
}
