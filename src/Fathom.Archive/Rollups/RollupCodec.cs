using System.Numerics;
using Fathom.Archive.Blocks;

namespace Fathom.Archive.Rollups;

/// <summary>
/// A run of bucket summaries of one resolution as bytes: format byte 3, then a bit stream of the
/// count of buckets, the first bucket's index (start / resolution), how each field (min, max, sum,
/// last) is stored, then per bucket its gap to the previous one ('0' for the next bucket), its point
/// count as a change from the previous one, and its values: the single value of a one-point
/// bucket, else min, max, sum and last. A field whose values are all integers over one power of
/// ten (counters, states, gauges with a few decimals) is stored as the integers' changes in 0, 8,
/// 16, 32 or 64 bits; any other field as its bits XORed with the previous value's (Gorilla), so a
/// repeating value takes a bit either way. Bad data throws <see cref="InvalidDataException"/>.
/// </summary>
public static class RollupCodec
{
    private const byte FieldFormat = 3;

    // A field's 4-bit code: 0..6 decimal digits, or XOR.
    private const int XorCode = 15;

    public static int MaxEncodedBytes(int count) => 16 + (count * 50);

    public static int Encode(ReadOnlySpan<RollupBucket> buckets, long resolutionNs, Span<byte> destination)
    {
        if (buckets.IsEmpty || buckets.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"a rollup run holds 1..{ushort.MaxValue} buckets", nameof(buckets));
        }

        var writer = new BitWriter(destination);
        writer.Write(FieldFormat, 8);
        writer.Write((ulong)buckets.Length, 16);
        var previous = buckets[0].Start / resolutionNs;
        writer.Write((ulong)previous, 64);
        long previousCount = 0;
        var fields = new FieldStates();
        fields.Min.Digits = DigitsOf(buckets, static b => b.Min);
        fields.Max.Digits = DigitsOf(buckets, static b => b.Max);
        fields.Sum.Digits = DigitsOf(buckets, static b => b.Sum);
        fields.Last.Digits = DigitsOf(buckets, static b => b.Last);
        foreach (var digits in (ReadOnlySpan<int>)[fields.Min.Digits, fields.Max.Digits, fields.Sum.Digits, fields.Last.Digits])
        {
            writer.Write((ulong)(digits < 0 ? XorCode : digits), 4);
        }

        for (var i = 0; i < buckets.Length; i++)
        {
            ref readonly var b = ref buckets[i];
            var index = b.Start / resolutionNs;
            if (i > 0)
            {
                var gap = index - previous;
                if (gap <= 0 || gap > uint.MaxValue)
                {
                    throw new ArgumentException("rollup buckets must be in increasing time order, at most 2^32 buckets apart", nameof(buckets));
                }

                if (gap == 1)
                {
                    writer.WriteBit(false);
                }
                else
                {
                    writer.WriteBit(true);
                    writer.Write((ulong)gap, 32);
                }

                previous = index;
            }

            WriteCount(ref writer, b.Count, previousCount);
            previousCount = b.Count;
            if (b.Count == 1)
            {
                fields.Last.Write(ref writer, b.Last);
                fields.AllFollow(b.Last);
            }
            else
            {
                fields.Min.Write(ref writer, b.Min);
                fields.Max.Write(ref writer, b.Max);
                fields.Sum.Write(ref writer, b.Sum);
                fields.Last.Write(ref writer, b.Last);
            }
        }

        return writer.Finish();
    }

    /// <summary>Decodes a run, calling <paramref name="bucket"/> for each summary in time order.</summary>
    public static void Decode<TState>(ReadOnlySpan<byte> data, long resolutionNs, ref TState state, BucketAction<TState> bucket)
    {
        if (data.IsEmpty)
        {
            throw new InvalidDataException("empty rollup data");
        }

        switch (data[0])
        {
            case FieldFormat:
                DecodeBits(data, resolutionNs, ref state, bucket);
                break;
            default:
                throw new InvalidDataException($"unknown rollup format {data[0]}");
        }
    }

    private static void DecodeBits<TState>(ReadOnlySpan<byte> data, long resolutionNs, ref TState state, BucketAction<TState> bucket)
    {
        var reader = new BitReader(data);
        _ = reader.Read(8);
        var count = (int)reader.Read(16);
        if (count == 0)
        {
            throw new InvalidDataException("rollup run declares 0 buckets");
        }

        var index = (long)reader.Read(64);
        long previousCount = 0;
        var fields = new FieldStates();
        fields.Min.Digits = ReadFieldCode(ref reader);
        fields.Max.Digits = ReadFieldCode(ref reader);
        fields.Sum.Digits = ReadFieldCode(ref reader);
        fields.Last.Digits = ReadFieldCode(ref reader);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                index += reader.ReadBit() ? (long)reader.Read(32) : 1;
            }

            var b = new RollupBucket { Start = checked(index * resolutionNs), Count = ReadCount(ref reader, previousCount) };
            if (b.Count <= 0)
            {
                throw new InvalidDataException("rollup bucket without points");
            }

            previousCount = b.Count;
            if (b.Count == 1)
            {
                var value = fields.Last.Read(ref reader);
                fields.AllFollow(value);
                b.Min = b.Max = b.Sum = b.Last = value;
            }
            else
            {
                b.Min = fields.Min.Read(ref reader);
                b.Max = fields.Max.Read(ref reader);
                b.Sum = fields.Sum.Read(ref reader);
                b.Last = fields.Last.Read(ref reader);
            }

            bucket(ref state, b);
        }
    }

    private static int DigitsOf(ReadOnlySpan<RollupBucket> buckets, Func<RollupBucket, double> field)
    {
        var digits = 0;
        foreach (ref readonly var b in buckets)
        {
            digits = DecimalValues.DigitsFor(field(b), digits);
            if (digits < 0)
            {
                return -1;
            }
        }

        return digits;
    }

    private static int ReadFieldCode(ref BitReader reader)
    {
        var code = (int)reader.Read(4);
        return code == XorCode ? -1 : code <= DecimalValues.MaxDigits ? code : throw new InvalidDataException($"unknown rollup field code {code}");
    }

    // '0' the same count; '10' and a 7-bit zigzag change of up to ±63; '11' and 48 bits.
    private static void WriteCount(ref BitWriter writer, long count, long previous)
    {
        var delta = count - previous;
        if (delta == 0)
        {
            writer.WriteBit(false);
        }
        else if (delta is >= -63 and <= 63)
        {
            writer.Write(0b10, 2);
            writer.Write((ulong)((delta << 1) ^ (delta >> 63)), 7);
        }
        else
        {
            if (count >= 1L << 48)
            {
                throw new ArgumentException($"a bucket of {count} points is more than a rollup holds");
            }

            writer.Write(0b11, 2);
            writer.Write((ulong)count, 48);
        }
    }

    private static long ReadCount(ref BitReader reader, long previous)
    {
        if (!reader.ReadBit())
        {
            return previous;
        }

        if (!reader.ReadBit())
        {
            var zigzag = (long)reader.Read(7);
            return previous + ((zigzag >>> 1) ^ -(zigzag & 1));
        }

        return (long)reader.Read(48);
    }

    /// <summary>Each field's previous value and XOR window.</summary>
    private struct FieldStates
    {
        public FieldCoder Min;
        public FieldCoder Max;
        public FieldCoder Sum;
        public FieldCoder Last;

        public FieldStates()
        {
            Min = new FieldCoder();
            Max = new FieldCoder();
            Sum = new FieldCoder();
            Last = new FieldCoder();
        }

        // A one-point bucket's value is every field's value: the next bucket's fields change from it.
        public void AllFollow(double value)
        {
            Min.Follow(value);
            Max.Follow(value);
            Sum.Follow(value);
        }
    }

    /// <summary>
    /// One field's state: with <see cref="Digits"/> ≥ 0 the previous value as an integer over
    /// 10^Digits, stored as zigzag changes; else the previous bits and XOR window (Gorilla).
    /// </summary>
    private struct FieldCoder
    {
        public int Digits;
        private ulong _previous;
        private long _previousInteger;
        private int _leading;
        private int _meaningful;

        public FieldCoder() => Digits = -1;

        public void Follow(double value)
        {
            _previous = BitConverter.DoubleToUInt64Bits(value);
            if (Digits >= 0)
            {
                _previousInteger = DecimalValues.ToInteger(value, Digits);
            }
        }

        public void Write(ref BitWriter writer, double value)
        {
            if (Digits >= 0)
            {
                var integer = DecimalValues.ToInteger(value, Digits);
                WriteChange(ref writer, integer - _previousInteger);
                _previousInteger = integer;
                return;
            }

            // '0' the same value; '10' bits inside the previous window; '11', 5 bits leading zeros, 6 bits length-1, the bits.
            var bits = BitConverter.DoubleToUInt64Bits(value);
            var xor = bits ^ _previous;
            _previous = bits;
            if (xor == 0)
            {
                writer.WriteBit(false);
                return;
            }

            var leading = Math.Min(BitOperations.LeadingZeroCount(xor), 31);
            var trailing = BitOperations.TrailingZeroCount(xor);
            if (_meaningful > 0 && leading >= _leading && trailing >= 64 - _leading - _meaningful)
            {
                writer.Write(0b10, 2);
                writer.Write(xor >> (64 - _leading - _meaningful), _meaningful);
                return;
            }

            _leading = leading;
            _meaningful = 64 - leading - trailing;
            writer.Write(0b11, 2);
            writer.Write((ulong)leading, 5);
            writer.Write((ulong)(_meaningful - 1), 6);
            writer.Write(xor >> trailing, _meaningful);
        }

        public double Read(ref BitReader reader)
        {
            if (Digits >= 0)
            {
                _previousInteger += ReadChange(ref reader);
                return DecimalValues.FromInteger(_previousInteger, Digits);
            }

            if (reader.ReadBit())
            {
                if (reader.ReadBit())
                {
                    _leading = (int)reader.Read(5);
                    _meaningful = (int)reader.Read(6) + 1;
                    if (_leading + _meaningful > 64)
                    {
                        throw new InvalidDataException("rollup value window past 64 bits");
                    }
                }
                else if (_meaningful == 0)
                {
                    throw new InvalidDataException("rollup value reuses a window before any");
                }

                _previous ^= reader.Read(_meaningful) << (64 - _leading - _meaningful);
            }

            return BitConverter.UInt64BitsToDouble(_previous);
        }

        // '0' no change; '10' 8 bits; '110' 16 bits; '1110' 32 bits; '1111' 64 bits (zigzag).
        private static void WriteChange(ref BitWriter writer, long change)
        {
            var zigzag = (ulong)((change << 1) ^ (change >> 63));
            if (zigzag == 0)
            {
                writer.WriteBit(false);
            }
            else if (zigzag < 1UL << 8)
            {
                writer.Write(0b10, 2);
                writer.Write(zigzag, 8);
            }
            else if (zigzag < 1UL << 16)
            {
                writer.Write(0b110, 3);
                writer.Write(zigzag, 16);
            }
            else if (zigzag < 1UL << 32)
            {
                writer.Write(0b1110, 4);
                writer.Write(zigzag, 32);
            }
            else
            {
                writer.Write(0b1111, 4);
                writer.Write(zigzag, 64);
            }
        }

        private static long ReadChange(ref BitReader reader)
        {
            var width = !reader.ReadBit() ? 0 : !reader.ReadBit() ? 8 : !reader.ReadBit() ? 16 : !reader.ReadBit() ? 32 : 64;
            if (width == 0)
            {
                return 0;
            }

            var zigzag = reader.Read(width);
            return (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
        }
    }
}

/// <summary>Receives one decoded bucket summary.</summary>
public delegate void BucketAction<TState>(ref TState state, in RollupBucket bucket);
