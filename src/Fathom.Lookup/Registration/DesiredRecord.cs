using Fathom.Lookup.Records;

namespace Fathom.Lookup.Registration;

/// <summary>
/// A record this daemon wants registered. <see cref="Key"/> names it stably across restarts
/// ("host", "service/archive", "service/api", "service/collector/ID") so its uri and checksum
/// can be found again in the saved state. <see cref="Content"/> holds every key but the server's
/// (uri, expires, state) and, for services, <c>service-host</c>: the registrar adds the host
/// record's uri once it has one, and <c>ttl</c> from the settings.
/// </summary>
public sealed record DesiredRecord(string Key, LookupRecord Content)
{
    /// <summary>The host record's key; services point at its uri.</summary>
    public const string HostKey = "host";

    /// <summary>True for the host record.</summary>
    public bool IsHost => Key == HostKey;
}
