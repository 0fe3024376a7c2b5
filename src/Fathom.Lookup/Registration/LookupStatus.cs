namespace Fathom.Lookup.Registration;

/// <summary>The registrar as it stands: its client-uuid, each server it registers with, and the totals since start.</summary>
public sealed record LookupStatus(
    bool Enabled,
    string? ClientUuid,
    IReadOnlyList<LookupServerStatus> Servers,
    long Registrations,
    long Renewals,
    long Failures)
{
    /// <summary>No &lt;lookup&gt; block: nothing registers.</summary>
    public static LookupStatus Off { get; } = new(false, null, [], 0, 0, 0);

    /// <summary>Records registered now, over every server.</summary>
    public int Registered => Servers.Sum(s => s.Records.Count(r => r.Uri is not null));
}

/// <summary>One lookup server: reachable or since when not, the last error, and the records there.</summary>
public sealed record LookupServerStatus(string Url, bool Reachable, DateTimeOffset? DownSince, string? LastError, IReadOnlyList<LookupRecordStatus> Records);

/// <summary>One record at one server: its key ("host", "service/api", …), type, uri and expiry once registered.</summary>
public sealed record LookupRecordStatus(string Key, string Type, string? Uri, DateTimeOffset? Expires, long Renewals);
