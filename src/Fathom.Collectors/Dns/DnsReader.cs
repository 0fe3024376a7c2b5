using System.Buffers.Binary;
using System.Text;

namespace Fathom.Collectors.Dns;

/// <summary>
/// A cursor over one DNS message. Sequential reads stop at <see cref="Limit"/> (the end of the
/// current RDATA, or of the message); compression pointers may reach anywhere in the message.
/// Every problem throws <see cref="DnsFormatException"/> naming the offset.
/// </summary>
internal sealed class DnsReader(ReadOnlyMemory<byte> message)
{
    private const int MaxNameLength = 255;

    public int Offset { get; set; }

    public int Length => message.Length;

    /// <summary>Where sequential reads must stop; the message's end unless narrowed to an RDATA.</summary>
    public int Limit { get; set; } = message.Length;

    public byte U8(string what) => Take(1, what)[0];

    public ushort U16(string what) => BinaryPrimitives.ReadUInt16BigEndian(Take(2, what));

    public uint U32(string what) => BinaryPrimitives.ReadUInt32BigEndian(Take(4, what));

    public ReadOnlySpan<byte> Take(int count, string what)
    {
        if (Limit - Offset < count)
        {
            var end = Limit == Length ? "the message" : "its data";
            throw new DnsFormatException($"{what} at offset {Offset} needs {count} bytes but {end} ends at offset {Limit}");
        }

        var span = message.Span.Slice(Offset, count);
        Offset += count;
        return span;
    }

    /// <summary>Reads a possibly compressed name, guarding against loops, out-of-range pointers and overlong names.</summary>
    public string Name(string what)
    {
        var span = message.Span;
        var sb = new StringBuilder();
        var pos = Offset;
        var bound = Limit;
        var after = -1;
        var wireLength = 1;
        List<int>? visited = null;
        while (true)
        {
            if (pos >= bound)
            {
                throw new DnsFormatException($"{what} at offset {pos} runs past the end of {(bound == Length ? "the message" : "its data")}");
            }

            var b = span[pos];
            if (b == 0)
            {
                Offset = after >= 0 ? after : pos + 1;
                return sb.Length == 0 ? "." : sb.ToString();
            }

            switch (b & 0xC0)
            {
                case 0x00:
                    if (pos + 1 + b > bound)
                    {
                        throw new DnsFormatException($"{what}: label at offset {pos} runs past the end of {(bound == Length ? "the message" : "its data")}");
                    }

                    wireLength += b + 1;
                    if (wireLength > MaxNameLength)
                    {
                        throw new DnsFormatException($"{what} at offset {Offset} is longer than {MaxNameLength} bytes");
                    }

                    DnsName.AppendLabel(sb, span.Slice(pos + 1, b));
                    sb.Append('.');
                    pos += 1 + b;
                    break;
                case 0xC0:
                    if (pos + 2 > bound)
                    {
                        throw new DnsFormatException($"{what}: name pointer at offset {pos} is cut off");
                    }

                    var target = ((b & 0x3F) << 8) | span[pos + 1];
                    if (target >= Length)
                    {
                        throw new DnsFormatException($"{what}: name pointer at offset {pos} points to offset {target}, past the end of the message ({Length} bytes)");
                    }

                    visited ??= [];
                    if (visited.Contains(target))
                    {
                        throw new DnsFormatException($"{what}: name pointer loop at offset {pos}");
                    }

                    visited.Add(target);
                    if (after < 0)
                    {
                        after = pos + 2;
                    }

                    // Past a pointer the name may continue anywhere in the message, not just in this RDATA.
                    bound = Length;
                    pos = target;
                    break;
                default:
                    throw new DnsFormatException($"{what}: unsupported label type 0x{b:x2} at offset {pos}");
            }
        }
    }
}
