namespace Fathom.Collectors.Net;

/// <summary>What a received packet turned out to be.</summary>
internal enum EchoParse
{
    /// <summary>An echo reply; identifier and sequence are valid.</summary>
    Reply,

    /// <summary>Well-formed but not an echo reply (our own request on loopback, another ICMP type).</summary>
    Other,

    /// <summary>Truncated, a bad header or a wrong checksum.</summary>
    Malformed,
}
