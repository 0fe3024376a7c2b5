using System.Numerics;

namespace Fathom.Archive.Blocks;

/// <summary>
/// Gorilla-style block encoding (Pelkonen et al., VLDB 2015) adapted to nanosecond times:
/// a header (format, count, first time, first value), then per point a delta-of-delta time in
/// buckets of 0/8/13/18/32/64 bits, in units of the block's common time step, and the value. Format 1 XORs each value's bits with the
/// previous one's; format 2, used when every value is an integer over one power of ten,
/// stores the integers' zigzag deltas in one bit width per block (a zero delta takes one bit).
/// Times in a block are strictly increasing.
/// </summary>
public static class BlockCodec
{
    public const int XorFormat = 1;
    public const int DecimalFormat = 2;
    public const int MaxPoints = ushort.MaxValue;

    /// <summary>Worst case: header 8+16+64+65+64 bits (+9 decimal), then 5+64 time bits and 2+12+64 value bits per point.</summary>
    public static int MaxEncodedBytes(int count) => 32 + ((count * 147) + 7) / 8;

    public static int Encode(ReadOnlySpan<long> times, ReadOnlySpan<double> values, Span<byte> destination)
    {
        var count = times.Length;
        if (count == 0 || count > MaxPoints || values.Length != count)
        {
            throw new ArgumentException($"a block holds 1..{MaxPoints} points with one value per time (got {count} times, {values.Length} values)");
        }

        var digits = DecimalValues.DigitsOf(values);
        var width = digits < 0 ? -1 : DeltaWidth(values, digits);
        var writer = new BitWriter(destination);
        writer.Write(width >= 0 ? DecimalFormat : (ulong)XorFormat, 8);
        writer.Write((ulong)count, 16);
        writer.Write((ulong)times[0], 64);
        var tick = WriteTick(ref writer, times);
        if (width >= 0)
        {
            EncodeDecimal(ref writer, times, values, digits, width, tick);
            return writer.Finish();
        }

        var previousBits = BitConverter.DoubleToUInt64Bits(values[0]);
        writer.Write(previousBits, 64);
        long previousDelta = 0;
        int leading = -1, trailing = 0;
        for (var i = 1; i < count; i++)
        {
            WriteTime(ref writer, times, i, tick, ref previousDelta);
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
        var format = ReadFormat(ref reader);
        var count = ReadCount(ref reader);
        if (times.Length < count || values.Length < count)
        {
            throw new ArgumentException($"room for {count} points needed");
        }

        times[0] = (long)reader.Read(64);
        var tick = ReadTick(ref reader);
        if (format == DecimalFormat)
        {
            DecodeDecimal(ref reader, times[..count], values[..count], tick);
            return count;
        }

        var previousBits = reader.Read(64);
        values[0] = BitConverter.UInt64BitsToDouble(previousBits);
        long previousDelta = 0;
        int leading = 0, meaningful = 0;
        for (var i = 1; i < count; i++)
        {
            ReadTime(ref reader, times, i, tick, ref previousDelta);
            previousBits ^= ReadXor(ref reader, ref leading, ref meaningful);
            values[i] = BitConverter.UInt64BitsToDouble(previousBits);
        }

        return count;
    }

    private static int ReadHeaderCount(ref BitReader reader)
    {
        _ = ReadFormat(ref reader);
        return ReadCount(ref reader);
    }

    private static int ReadFormat(ref BitReader reader)
    {
        var format = (int)reader.Read(8);
        return format is XorFormat or DecimalFormat ? format : throw new InvalidDataException($"unknown block format {format}");
    }

    private static int ReadCount(ref BitReader reader)
    {
        var count = (int)reader.Read(16);
        return count == 0 ? throw new InvalidDataException("block declares no points") : count;
    }

    // Bits per zigzag delta of the scaled integers, or -1 when raw doubles would be as small.
    private static int DeltaWidth(ReadOnlySpan<double> values, int digits)
    {
        ulong all = 0;
        var previous = DecimalValues.ToInteger(values[0], digits);
        for (var i = 1; i < values.Length; i++)
        {
            var integer = DecimalValues.ToInteger(values[i], digits);
            all |= ZigZag(integer - previous);
            previous = integer;
        }

        var width = 64 - BitOperations.LeadingZeroCount(all);
        return width > 48 ? -1 : width;
    }

    private static void EncodeDecimal(ref BitWriter writer, ReadOnlySpan<long> times, ReadOnlySpan<double> values, int digits, int width, ulong tick)
    {
        writer.Write((ulong)digits, 3);
        writer.Write((ulong)width, 6);
        var previous = DecimalValues.ToInteger(values[0], digits);
        writer.Write((ulong)previous, 64);
        long previousDelta = 0;
        for (var i = 1; i < times.Length; i++)
        {
            WriteTime(ref writer, times, i, tick, ref previousDelta);
            var integer = DecimalValues.ToInteger(values[i], digits);
            var zigzag = ZigZag(integer - previous);
            previous = integer;
            if (width == 0)
            {
                continue;
            }

            writer.WriteBit(zigzag != 0);
            if (zigzag != 0)
            {
                writer.Write(zigzag, width);
            }
        }
    }

    private static void DecodeDecimal(ref BitReader reader, Span<long> times, Span<double> values, ulong tick)
    {
        var digits = (int)reader.Read(3);
        var width = (int)reader.Read(6);
        if (digits > DecimalValues.MaxDigits || width > 48)
        {
            throw new InvalidDataException($"bad decimal block header ({digits} digits, {width} bits)");
        }

        var integer = (long)reader.Read(64);
        values[0] = DecimalValues.FromInteger(integer, digits);
        long previousDelta = 0;
        for (var i = 1; i < times.Length; i++)
        {
            ReadTime(ref reader, times, i, tick, ref previousDelta);
            if (width > 0 && reader.ReadBit())
            {
                var zigzag = reader.Read(width);
                integer = unchecked(integer + ((long)(zigzag >> 1) ^ -(long)(zigzag & 1)));
            }

            values[i] = DecimalValues.FromInteger(integer, digits);
        }
    }

    // The greatest common divisor of the time steps (100 ns for clock ticks, 10 s for a regular
    // schedule): deltas are stored in its units, so jitter of whole ticks takes fewer bits.
    private static ulong WriteTick(ref BitWriter writer, ReadOnlySpan<long> times)
    {
        ulong tick = 0;
        for (var i = 1; i < times.Length; i++)
        {
            if (times[i] <= times[i - 1])
            {
                throw new ArgumentException($"times in a block must increase (point {i}: {times[i]} after {times[i - 1]})", nameof(times));
            }

            tick = Gcd(tick, unchecked((ulong)(times[i] - times[i - 1])));
        }

        if (tick <= 1)
        {
            writer.WriteBit(false);
            return 1;
        }

        writer.WriteBit(true);
        writer.Write(tick, 64);
        return tick;
    }

    private static ulong ReadTick(ref BitReader reader)
    {
        if (!reader.ReadBit())
        {
            return 1;
        }

        var tick = reader.Read(64);
        return tick > 1 ? tick : throw new InvalidDataException($"bad block time unit {tick}");
    }

    private static void WriteTime(ref BitWriter writer, ReadOnlySpan<long> times, int i, ulong tick, ref long previousDelta)
    {
        var delta = (long)(unchecked((ulong)(times[i] - times[i - 1])) / tick);
        WriteDeltaOfDelta(ref writer, unchecked(delta - previousDelta));
        previousDelta = delta;
    }

    private static void ReadTime(ref BitReader reader, Span<long> times, int i, ulong tick, ref long previousDelta)
    {
        var delta = unchecked(previousDelta + ReadDeltaOfDelta(ref reader));
        var time = unchecked(times[i - 1] + (long)((ulong)delta * tick));
        if (time <= times[i - 1])
        {
            throw new InvalidDataException($"block times do not increase at point {i}");
        }

        times[i] = time;
        previousDelta = delta;
    }

    private static ulong Gcd(ulong a, ulong b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    // Buckets sized for times in ticks with jitter: one bit when regular, 8/13/18 bits for jitter
    // up to about 60, 2,000 and 65,000 ticks, then 32 and 64.
    private static void WriteDeltaOfDelta(ref BitWriter writer, long dod)
    {
        if (dod == 0)
        {
            writer.WriteBit(false);
        }
        else if (FitsSigned(dod, 8))
        {
            writer.Write(0b10, 2);
            writer.Write((ulong)dod, 8);
        }
        else if (FitsSigned(dod, 13))
        {
            writer.Write(0b110, 3);
            writer.Write((ulong)dod, 13);
        }
        else if (FitsSigned(dod, 18))
        {
            writer.Write(0b1110, 4);
            writer.Write((ulong)dod, 18);
        }
        else if (FitsSigned(dod, 32))
        {
            writer.Write(0b11110, 5);
            writer.Write((ulong)dod, 32);
        }
        else
        {
            writer.Write(0b11111, 5);
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
            return SignExtend(reader.Read(8), 8);
        }

        if (!reader.ReadBit())
        {
            return SignExtend(reader.Read(13), 13);
        }

        if (!reader.ReadBit())
        {
            return SignExtend(reader.Read(18), 18);
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
