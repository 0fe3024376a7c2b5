namespace Fathom.Api.Client.Wire;

/// <summary>GET /api/v1/lookup: the lookup registrar — off without a &lt;lookup&gt; block; else its client-uuid, each server with its records, and the totals since start.</summary>
public sealed record LookupStatusDto(
    bool Enabled,
    string? ClientUuid,
    int Registered,
    long Registrations,
    long Renewals,
    long Failures,
    IReadOnlyList<LookupServerDto> Servers);
