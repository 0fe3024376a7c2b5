using System.Buffers.Binary;

namespace Fathom.Collectors.Dns;

/// <summary>Builds a standard query: one question, no EDNS (so a server truncates answers over 512 bytes).</summary>
internal static class DnsQuery
{
    public static byte[] Build(ushort id, byte[] wireName, ushort type, bool recursionDesired)
    {
        var message = new byte[DnsHeader.Size + wireName.Length + 4];
        var span = message.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span, id);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], recursionDesired ? (ushort)0x0100 : (ushort)0);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], 1);
        wireName.CopyTo(span[DnsHeader.Size..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[(DnsHeader.Size + wireName.Length)..], type);
        BinaryPrimitives.WriteUInt16BigEndian(span[(DnsHeader.Size + wireName.Length + 2)..], 1);
        return message;
    }
}
