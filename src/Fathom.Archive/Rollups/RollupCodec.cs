using System.Buffers.Binary;

namespace Fathom.Archive.Rollups;

/// <summary>
/// A run of bucket summaries of one resolution as bytes: format, count, the first bucket's
/// index (start / resolution), then per bucket its gap to the previous one, its point count, and
/// either the single value (count 1) or min, max, sum and last. Integers are LEB128 varints.
/// Bad data throws <see cref="InvalidDataException"/>.
/// </summary>
internal static class RollupCodec
{
    private const byte Format = 1;

    public static int MaxEncodedBytes(int count) => 1 + 10 + 10 + (count * (10 + 10 + 32));

    public static int Encode(ReadOnlySpan<RollupBucket> buckets, long resolutionNs, Span<byte> destination)
    {
        if (buckets.IsEmpty)
        {
            throw new ArgumentException("a rollup run holds at least one bucket", nameof(buckets));
        }

        var at = 0;
        destination[at++] = Format;
        at += WriteVarint((ulong)buckets.Length, destination[at..]);
        var previous = buckets[0].Start / resolutionNs;
        at += WriteVarint(ZigZag(previous), destination[at..]);
        for (var i = 0; i < buckets.Length; i++)
        {
            ref readonly var b = ref buckets[i];
            var index = b.Start / resolutionNs;
            if (i > 0)
            {
                if (index <= previous)
                {
                    throw new ArgumentException("rollup buckets must be in increasing time order", nameof(buckets));
                }

                at += WriteVarint((ulong)(index - previous), destination[at..]);
                previous = index;
            }

            at += WriteVarint((ulong)b.Count, destination[at..]);
            if (b.Count == 1)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(destination[at..], b.Last);
                at += 8;
            }
            else
            {
                BinaryPrimitives.WriteDoubleLittleEndian(destination[at..], b.Min);
                BinaryPrimitives.WriteDoubleLittleEndian(destination[(at + 8)..], b.Max);
                BinaryPrimitives.WriteDoubleLittleEndian(destination[(at + 16)..], b.Sum);
                BinaryPrimitives.WriteDoubleLittleEndian(destination[(at + 24)..], b.Last);
                at += 32;
            }
        }

        return at;
    }

    /// <summary>Decodes a run, calling <paramref name="bucket"/> for each summary in time order.</summary>
    public static void Decode<TState>(ReadOnlySpan<byte> data, long resolutionNs, ref TState state, BucketAction<TState> bucket)
    {
        var at = 0;
        if (data.IsEmpty || data[at++] != Format)
        {
            throw new InvalidDataException(data.IsEmpty ? "empty rollup data" : $"unknown rollup format {data[0]}");
        }

        var count = ReadVarint(data, ref at);
        if (count == 0 || count > int.MaxValue)
        {
            throw new InvalidDataException($"rollup run declares {count} buckets");
        }

        var index = UnZigZag(ReadVarint(data, ref at));
        for (ulong i = 0; i < count; i++)
        {
            if (i > 0)
            {
                var gap = ReadVarint(data, ref at);
                if (gap == 0 || gap > int.MaxValue)
                {
                    throw new InvalidDataException($"rollup bucket gap {gap}");
                }

                index += (long)gap;
            }

            var b = new RollupBucket { Start = checked(index * resolutionNs), Count = (long)ReadVarint(data, ref at) };
            if (b.Count <= 0)
            {
                throw new InvalidDataException("rollup bucket without points");
            }

            if (b.Count == 1)
            {
                var value = ReadDouble(data, ref at);
                b.Min = b.Max = b.Sum = b.Last = value;
            }
            else
            {
                b.Min = ReadDouble(data, ref at);
                b.Max = ReadDouble(data, ref at);
                b.Sum = ReadDouble(data, ref at);
                b.Last = ReadDouble(data, ref at);
            }

            bucket(ref state, b);
        }

        if (at != data.Length)
        {
            throw new InvalidDataException($"{data.Length - at} bytes after the last rollup bucket");
        }
    }

    private static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));

    private static long UnZigZag(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);

    private static int WriteVarint(ulong value, Span<byte> destination)
    {
        var n = 0;
        while (value >= 0x80)
        {
            destination[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[n++] = (byte)value;
        return n;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= data.Length)
            {
                throw new InvalidDataException("rollup data ends early");
            }

            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("rollup varint longer than 64 bits");
    }

    private static double ReadDouble(ReadOnlySpan<byte> data, ref int at)
    {
        if (data.Length - at < 8)
        {
            throw new InvalidDataException("rollup data ends early");
        }

        var value = BinaryPrimitives.ReadDoubleLittleEndian(data[at..]);
        at += 8;
        return value;
    }
}

/// <summary>Receives one decoded bucket summary.</summary>
internal delegate void BucketAction<TState>(ref TState state, in RollupBucket bucket);
