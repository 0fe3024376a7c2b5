using System.Buffers.Binary;
using System.Text;

namespace Fathom.Collectors.Tests.Dns;

/// <summary>Builds DNS messages byte by byte, for crafted (and broken) test responses.</summary>
internal sealed class Wire
{
    private readonly List<byte> _bytes = [];

    public int Offset => _bytes.Count;

    public static Wire Response(ushort id = 0x1234, ushort flags = 0x8180, ushort qd = 1, ushort an = 0, ushort ns = 0, ushort ar = 0) =>
        new Wire().U16(id).U16(flags).U16(qd).U16(an).U16(ns).U16(ar);

    public Wire U8(byte value)
    {
        _bytes.Add(value);
        return this;
    }

    public Wire U16(int value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)value);
        _bytes.AddRange(b);
        return this;
    }

    public Wire U32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        _bytes.AddRange(b);
        return this;
    }

    public Wire Bytes(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    /// <summary>Labels of a dotted name, ended by the root label unless a pointer follows.</summary>
    public Wire Labels(string dotted, bool terminate = true)
    {
        foreach (var label in dotted.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            _bytes.Add((byte)label.Length);
            _bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        return terminate ? U8(0) : this;
    }

    public Wire Pointer(int offset) => U16(0xC000 | offset);

    /// <summary>Type, class IN, TTL and RDATA length of a record whose owner name was just written.</summary>
    public Wire RecordHead(ushort type, int rdLength, uint ttl = 60) => U16(type).U16(1).U32(ttl).U16(rdLength);

    public Wire Question(string name, ushort type = 1) => Labels(name).U16(type).U16(1);

    public byte[] ToArray() => [.. _bytes];
}
