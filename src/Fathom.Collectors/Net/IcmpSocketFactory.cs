using Fathom.Core.Native;

namespace Fathom.Collectors.Net;

/// <summary>Opens ICMP and UDP probe sockets with the options every prober wants.</summary>
internal static class IcmpSocketFactory
{
    /// <summary>
    /// An ICMP socket of <paramref name="kind"/> that receives only echo replies as data (a raw
    /// socket's filter), ICMP errors about its own packets on the error queue (IP_RECVERR), and
    /// kernel receive timestamps.
    /// </summary>
    public static NativeSocket OpenIcmp(IcmpSocketKind kind, bool v6, int ttl)
    {
        var socket = NativeSocket.TryOpen(
            v6 ? Libc.AfInet6 : Libc.AfInet,
            kind == IcmpSocketKind.Raw ? Libc.SockRaw : Libc.SockDgram,
            v6 ? Libc.IpProtoIcmpv6 : Libc.IpProtoIcmp,
            out var errno) ?? throw new IOException($"cannot open an ICMP{(v6 ? "v6" : "")} {kind} socket: {Libc.ErrorText(errno)}");
        try
        {
            if (kind == IcmpSocketKind.Raw)
            {
                SetEchoReplyFilter(socket, v6);
            }

            Configure(socket, v6, ttl);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A UDP socket for traceroute probes: errors on the error queue, per-packet TTL set by the caller.</summary>
    public static NativeSocket OpenUdp(bool v6)
    {
        var socket = NativeSocket.TryOpen(v6 ? Libc.AfInet6 : Libc.AfInet, Libc.SockDgram, Libc.IpProtoUdp, out var errno)
            ?? throw new IOException($"cannot open a UDP socket: {Libc.ErrorText(errno)}");
        try
        {
            Configure(socket, v6, 64);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sets the TTL / hop limit of the packets sent next.</summary>
    public static void SetTtl(NativeSocket socket, int ttl)
    {
        if (socket.Family == Libc.AfInet6)
        {
            socket.SetInt(Libc.IpProtoIpv6, Libc.Ipv6UnicastHops, ttl, "IPV6_UNICAST_HOPS");
        }
        else
        {
            socket.SetInt(Libc.IpProtoIp, Libc.IpTtl, ttl, "IP_TTL");
        }
    }

    private static void Configure(NativeSocket socket, bool v6, int ttl)
    {
        SetTtl(socket, ttl);
        if (v6)
        {
            socket.SetInt(Libc.IpProtoIpv6, Libc.Ipv6RecvErr, 1, "IPV6_RECVERR");
        }
        else
        {
            socket.SetInt(Libc.IpProtoIp, Libc.IpRecvErr, 1, "IP_RECVERR");
        }

        socket.SetInt(Libc.SolSocket, Libc.SoTimestampNs, 1, "SO_TIMESTAMPNS");

        // Room for a burst of replies from hundreds of targets.
        socket.SetInt(Libc.SolSocket, Libc.SoRcvbuf, 1 << 20, "SO_RCVBUF");
    }

    private static void SetEchoReplyFilter(NativeSocket socket, bool v6)
    {
        if (v6)
        {
            // struct icmp6_filter: 256 bits, a set bit blocks that type.
            Span<byte> filter = stackalloc byte[32];
            filter.Fill(0xFF);
            filter[IcmpEcho.ReplyV6 >> 3] &= unchecked((byte)~(1 << (IcmpEcho.ReplyV6 & 7)));
            socket.SetBytes(Libc.IpProtoIcmpv6, Libc.Icmp6Filter, filter, "ICMP6_FILTER");
        }
        else
        {
            // ICMP_FILTER: a 32-bit mask, a set bit blocks that type; errors still reach the error queue.
            socket.SetInt(Libc.SolRaw, Libc.IcmpFilter, ~(1 << IcmpEcho.ReplyV4), "ICMP_FILTER");
        }
    }
}
