using System.Buffers.Binary;
using Fathom.Core.Native;

namespace Fathom.Collectors.Net;

/// <summary>
/// ICMP / ICMPv6 echo request encoding and echo reply decoding (RFC 792, RFC 4443): type, code,
/// checksum, identifier, sequence, then the payload.
/// </summary>
internal static class IcmpEcho
{
    public const int HeaderLength = 8;
    public const byte RequestV4 = 8;
    public const byte ReplyV4 = 0;
    public const byte RequestV6 = 128;
    public const byte ReplyV6 = 129;

    /// <summary>Writes an echo request with <paramref name="payloadLength"/> pattern bytes; returns its length.</summary>
    public static int WriteRequest(Span<byte> buffer, bool v6, ushort identifier, ushort sequence, int payloadLength)
    {
        var length = HeaderLength + payloadLength;
        var packet = buffer[..length];
        packet[0] = v6 ? RequestV6 : RequestV4;
        packet[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(packet[4..], identifier);
        BinaryPrimitives.WriteUInt16BigEndian(packet[6..], sequence);
        for (var i = 0; i < payloadLength; i++)
        {
            // iputils' pattern: recognisable in a capture.
            packet[HeaderLength + i] = (byte)(0x10 + i);
        }

        if (!v6)
        {
            // ICMPv6's checksum covers a pseudo-header; the kernel computes it for us.
            BinaryPrimitives.WriteUInt16BigEndian(packet[2..], InternetChecksum.Compute(packet));
        }

        return length;
    }

    /// <summary>
    /// Decodes a received packet. <paramref name="withIpHeader"/>: raw IPv4 sockets deliver the IP
    /// header too; ICMP datagram sockets and IPv6 sockets do not.
    /// </summary>
    public static EchoParse TryParseReply(ReadOnlySpan<byte> packet, bool v6, bool withIpHeader, out ushort identifier, out ushort sequence)
    {
        identifier = 0;
        sequence = 0;
        if (withIpHeader)
        {
            if (!TryStripIpv4(ref packet))
            {
                return EchoParse.Malformed;
            }
        }

        if (packet.Length < HeaderLength)
        {
            return EchoParse.Malformed;
        }

        if (!v6 && !InternetChecksum.IsValid(packet))
        {
            return EchoParse.Malformed;
        }

        if (packet[0] != (v6 ? ReplyV6 : ReplyV4) || packet[1] != 0)
        {
            return EchoParse.Other;
        }

        identifier = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        sequence = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        return EchoParse.Reply;
    }

    /// <summary>The sequence number of a quoted echo request (an error queue payload); null when too short.</summary>
    public static ushort? QuotedSequence(ReadOnlySpan<byte> quoted, bool v6) =>
        quoted.Length >= HeaderLength && quoted[0] == (v6 ? RequestV6 : RequestV4)
            ? BinaryPrimitives.ReadUInt16BigEndian(quoted[6..])
            : null;

    /// <summary>The identifier of a quoted echo request (0 when too short).</summary>
    public static ushort QuotedIdentifier(ReadOnlySpan<byte> quoted) =>
        quoted.Length >= HeaderLength ? BinaryPrimitives.ReadUInt16BigEndian(quoted[4..]) : (ushort)0;

    private static bool TryStripIpv4(ref ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 20 || packet[0] >> 4 != 4)
        {
            return false;
        }

        var headerLength = (packet[0] & 0x0F) * 4;
        var total = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (headerLength < 20 || total < headerLength || packet.Length < headerLength || packet[9] != Libc.IpProtoIcmp)
        {
            return false;
        }

        packet = packet[headerLength..Math.Min(total, packet.Length)];
        return true;
    }
}
