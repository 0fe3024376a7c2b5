using System.Numerics;

namespace Fathom.Archive.Blocks;

/// <summary>
/// Gorilla-style block encoding (Pelkonen et al., VLDB 2015) adapted to nanosecond times:
/// a header (format, count, first time, first value), then per point a delta-of-delta time in
/// buckets of 0/14/24/32/64 bits and the value XOR'd with the previous one.
/// Times in a block are strictly increasing.
/// </summary>
internal static class BlockCodec
{
    public const int Format = 1;
    public const int MaxPoints = ushort.MaxValue;

    /// <summary>Worst case: header 8+16+64+64 bits, then 4+64 time bits and 2+12+64 value bits per point.</summary>
    public static int MaxEncodedBytes(int count) => 20 + ((count * 146) + 7) / 8;

    public static int Encode(ReadOnlySpan<long> times, ReadOnlySpan<double> values, Span<byte> destination)
    {
        var count = times.Length;
        if (count == 0 || count > MaxPoints || values.Length != count)
        {
            throw new ArgumentException($"a block holds 1..{MaxPoints} points with one value per time (got {count} times, {values.Length} values)");
        }

        var writer = new BitWriter(destination);
        writer.Write(Format, 8);
        writer.Write((ulong)count, 16);
        writer.Write((ulong)times[0], 64);
        var previousBits = BitConverter.DoubleToUInt64Bits(values[0]);
        writer.Write(previousBits, 64);
        long previousDelta = 0;
        int leading = -1, trailing = 0;
        for (var i = 1; i < count; i++)
        {
            var delta = unchecked(times[i] - times[i - 1]);
            if (times[i] <= times[i - 1])
            {
                throw new ArgumentException($"times in a block must increase (point {i}: {times[i]} after {times[i - 1]})", nameof(times));
            }

            WriteDeltaOfDelta(ref writer, unchecked(delta - previousDelta));
            previousDelta = delta;
            var bits = BitConverter.DoubleToUInt64Bits(values[i]);
            WriteXor(ref writer, bits ^ previousBits, ref leading, ref trailing);
            previousBits = bits;
        }

        return writer.Finish();
    }

    /// <summary>The point count a block's header declares; throws <see cref="InvalidDataException"/> for a bad header.</summary>
    public static int CountOf(ReadOnlySpan<byte> data)
    {
        var reader = new BitReader(data);
        return ReadHeaderCount(ref reader);
    }

    /// <summary>Decodes into spans at least <see cref="CountOf"/> long; returns the count. Bad data throws <see cref="InvalidDataException"/>.</summary>
    public static int Decode(ReadOnlySpan<byte> data, Span<long> times, Span<double> values)
    {
        var reader = new BitReader(data);
        var count = ReadHeaderCount(ref reader);
        if (times.Length < count || values.Length < count)
        {
            throw new ArgumentException($"room for {count} points needed");
        }

        times[0] = (long)reader.Read(64);
        var previousBits = reader.Read(64);
        values[0] = BitConverter.UInt64BitsToDouble(previousBits);
        long previousDelta = 0;
        int leading = 0, meaningful = 0;
        for (var i = 1; i < count; i++)
        {
            var delta = unchecked(previousDelta + ReadDeltaOfDelta(ref reader));
            var time = unchecked(times[i - 1] + delta);
            if (time <= times[i - 1])
            {
                throw new InvalidDataException($"block times do not increase at point {i}");
            }

            times[i] = time;
            previousDelta = delta;
            previousBits ^= ReadXor(ref reader, ref leading, ref meaningful);
            values[i] = BitConverter.UInt64BitsToDouble(previousBits);
        }

        return count;
    }

    private static int ReadHeaderCount(ref BitReader reader)
    {
        var format = (int)reader.Read(8);
        if (format != Format)
        {
            throw new InvalidDataException($"unknown block format {format}");
        }

        var count = (int)reader.Read(16);
        return count == 0 ? throw new InvalidDataException("block declares no points") : count;
    }

    private static void WriteDeltaOfDelta(ref BitWriter writer, long dod)
    {
        if (dod == 0)
        {
            writer.WriteBit(false);
        }
        else if (FitsSigned(dod, 14))
        {
            writer.Write(0b10, 2);
            writer.Write((ulong)dod, 14);
        }
        else if (FitsSigned(dod, 24))
        {
            writer.Write(0b110, 3);
            writer.Write((ulong)dod, 24);
        }
        else if (FitsSigned(dod, 32))
        {
            writer.Write(0b1110, 4);
            writer.Write((ulong)dod, 32);
        }
        else
        {
            writer.Write(0b1111, 4);
            writer.Write((ulong)dod, 64);
        }
    }

    private static long ReadDeltaOfDelta(ref BitReader reader)
    {
        if (!reader.ReadBit())
        {
            return 0;
        }

        if (!reader.ReadBit())
        {
            return SignExtend(reader.Read(14), 14);
        }

        if (!reader.ReadBit())
        {
            return SignExtend(reader.Read(24), 24);
        }

        return !reader.ReadBit() ? SignExtend(reader.Read(32), 32) : (long)reader.Read(64);
    }

    private static void WriteXor(ref BitWriter writer, ulong xor, ref int leading, ref int trailing)
    {
        if (xor == 0)
        {
            writer.WriteBit(false);
            return;
        }

        var lead = BitOperations.LeadingZeroCount(xor);
        var trail = BitOperations.TrailingZeroCount(xor);
        if (leading >= 0 && lead >= leading && trail >= trailing)
        {
            // The previous window still covers every changed bit: reuse it.
            writer.Write(0b10, 2);
            writer.Write(xor >> trailing, 64 - leading - trailing);
            return;
        }

        var meaningful = 64 - lead - trail;
        writer.Write(0b11, 2);
        writer.Write((ulong)lead, 6);
        writer.Write((ulong)(meaningful - 1), 6);
        writer.Write(xor >> trail, meaningful);
        leading = lead;
        trailing = trail;
    }

    private static ulong ReadXor(ref BitReader reader, ref int leading, ref int meaningful)
    {
        if (!reader.ReadBit())
        {
            return 0;
        }

        if (reader.ReadBit())
        {
            leading = (int)reader.Read(6);
            meaningful = (int)reader.Read(6) + 1;
            if (leading + meaningful > 64)
            {
                throw new InvalidDataException("block value window exceeds 64 bits");
            }
        }
        else if (meaningful == 0)
        {
            throw new InvalidDataException("block reuses a value window before defining one");
        }

        return reader.Read(meaningful) << (64 - leading - meaningful);
    }

    private static bool FitsSigned(long value, int bits) =>
        value >= -(1L << (bits - 1)) && value < (1L << (bits - 1));

    private static long SignExtend(ulong raw, int bits) => (long)(raw << (64 - bits)) >> (64 - bits);
}
