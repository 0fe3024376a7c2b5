namespace Fathom.Collectors.Net;

/// <summary>How this process may send ICMP echo requests.</summary>
internal enum IcmpSocketKind
{
    /// <summary>SOCK_RAW: needs CAP_NET_RAW; we pick identifiers and see every ICMP packet.</summary>
    Raw,

    /// <summary>SOCK_DGRAM + IPPROTO_ICMP: unprivileged within net.ipv4.ping_group_range; the kernel owns the identifier.</summary>
    Datagram,
}
