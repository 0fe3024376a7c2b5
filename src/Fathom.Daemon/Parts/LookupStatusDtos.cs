using Fathom.Api.Client.Wire;
using Fathom.Core.Storage;
using Fathom.Lookup.Registration;

namespace Fathom.Daemon.Parts;

/// <summary>The registrar's status as GET /api/v1/lookup writes it (times in RFC 3339).</summary>
internal static class LookupStatusDtos
{
    public static LookupStatusDto Of(LookupStatus status) => new(
        status.Enabled,
        status.ClientUuid,
        status.Registered,
        status.Registrations,
        status.Renewals,
        status.Failures,
        [.. status.Servers.Select(s => new LookupServerDto(
            s.Url,
            s.Reachable,
            Time(s.DownSince),
            s.LastError,
            [.. s.Records.Select(r => new LookupRecordDto(r.Key, r.Type, r.Uri, Time(r.Expires), r.Renewals))]))]);

    private static string? Time(DateTimeOffset? time) =>
        time is { } t ? Rfc3339.Format((t - DateTimeOffset.UnixEpoch).Ticks * 100) : null;
}
