using System.Buffers.Binary;
using System.Net;
using Fathom.Core.Native;

namespace Fathom.Collectors.Net;

/// <summary>
/// A struct sock_extended_err from the socket error queue (IP_RECVERR): which ICMP message
/// (type, code) came back, from whom (the offender), about a packet we sent.
/// </summary>
internal readonly record struct ExtendedError(int Errno, byte Origin, byte Type, byte Code, IPAddress? Offender)
{
    public const byte OriginLocal = 1;
    public const byte OriginIcmp = 2;
    public const byte OriginIcmp6 = 3;

    private const int StructLength = 16;

    public bool IsIcmp => Origin is OriginIcmp or OriginIcmp6;

    /// <summary>Parses the cmsg data of IP_RECVERR / IPV6_RECVERR; null when too short.</summary>
    public static ExtendedError? Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < StructLength)
        {
            return null;
        }

        // SO_EE_OFFENDER: the sockaddr that follows the struct (family 0 when there is none).
        var offender = SockAddr.Read(data[StructLength..])?.Address;
        return new ExtendedError(BinaryPrimitives.ReadInt32LittleEndian(data), data[4], data[5], data[6], offender);
    }

    /// <summary>Time Exceeded (ICMP 11 / ICMPv6 3): a router on the way, not the destination.</summary>
    public bool IsTimeExceeded => (Origin == OriginIcmp && Type == 11) || (Origin == OriginIcmp6 && Type == 3);

    /// <summary>Destination Unreachable (ICMP 3 / ICMPv6 1).</summary>
    public bool IsUnreachable => (Origin == OriginIcmp && Type == 3) || (Origin == OriginIcmp6 && Type == 1);

    /// <summary>Port unreachable: a UDP probe reached its destination.</summary>
    public bool IsPortUnreachable => (Origin == OriginIcmp && Type == 3 && Code == 3) || (Origin == OriginIcmp6 && Type == 1 && Code == 4);

    public string Describe()
    {
        var from = Offender is null ? "" : $" from {Offender}";
        if (IsTimeExceeded)
        {
            return $"time exceeded{from}";
        }

        if (IsUnreachable)
        {
            return $"destination unreachable ({UnreachableReason()}){from}";
        }

        return IsIcmp ? $"ICMP{(Origin == OriginIcmp6 ? "v6" : "")} type {Type} code {Code}{from}" : $"{Libc.ErrorText(Errno)}{from}";
    }

    private string UnreachableReason() => (Origin, Code) switch
    {
        (OriginIcmp, 0) => "network",
        (OriginIcmp, 1) => "host",
        (OriginIcmp, 2) => "protocol",
        (OriginIcmp, 3) => "port",
        (OriginIcmp, 4) => "fragmentation needed",
        (OriginIcmp, 9 or 10 or 13) => "administratively prohibited",
        (OriginIcmp6, 0) => "no route",
        (OriginIcmp6, 1) => "administratively prohibited",
        (OriginIcmp6, 3) => "address",
        (OriginIcmp6, 4) => "port",
        _ => $"code {Code}",
    };
}
