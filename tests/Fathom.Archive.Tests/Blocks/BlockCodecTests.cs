using Fathom.Archive.Blocks;

namespace Fathom.Archive.Tests.Blocks;

public sealed class BlockCodecTests
{
    public static TheoryData<long> DeltaOfDeltaSteps => [1, 127, 128, 4095, 4096, 131_071, 131_072, int.MaxValue, 1L << 40, long.MaxValue / 4];

    [Fact]
    public void Encode_OnePoint_RoundTrips()
    {
        AssertRoundTrip([123_456_789L], [42.5]);
    }

    [Fact]
    public void Encode_ThousandRegularPoints_RoundTripsInUnderTwoBytesPerPoint()
    {
        var times = Enumerable.Range(0, 1000).Select(i => Data.T0 + (i * Data.Second)).ToArray();
        var values = Enumerable.Range(0, 1000).Select(i => (double)(i / 10)).ToArray();

        var length = AssertRoundTrip(times, values);

        Assert.True(length < 2 * 1000, $"{length} bytes for 1000 regular points");
    }

    [Fact]
    public void Encode_RandomTimesAndValues_RoundTrips()
    {
        var random = new Random(7);
        for (var round = 0; round < 50; round++)
        {
            var count = random.Next(1, 1000);
            var times = new long[count];
            var values = new double[count];
            var t = random.NextInt64(long.MinValue / 2, long.MaxValue / 2);
            for (var i = 0; i < count; i++)
            {
                t += 1 + (random.Next(4) switch { 0 => random.Next(10), 1 => random.Next(1 << 20), 2 => random.NextInt64(1L << 40), _ => 1_000_000_000 });
                times[i] = t;
                values[i] = random.Next(3) switch { 0 => random.NextDouble() * 1e6, 1 => random.Next(100), _ => BitConverter.Int64BitsToDouble(random.NextInt64()) };
            }

            _ = AssertRoundTrip(times, values);
        }
    }

    [Fact]
    public void Encode_SpecialValues_RoundTripBitExact()
    {
        double[] values = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, double.Epsilon, double.MaxValue, double.MinValue, BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_1234)];
        var times = Enumerable.Range(0, values.Length).Select(i => (long)i).ToArray();

        _ = AssertRoundTrip(times, values);
    }

    [Theory]
    [MemberData(nameof(DeltaOfDeltaSteps))]
    public void Encode_DeltaOfDeltaOfEveryBitWidth_RoundTrips(long step)
    {
        // Regular, then one jump of the given size, then back: both signs of the delta-of-delta.
        long[] times = [0, 10, 20, 20 + step, 30 + step, 40 + step];
        _ = AssertRoundTrip(times, [1, 2, 3, 4, 5, 6]);
    }

    [Fact]
    public void Encode_OneDecimalGauge_UsesDecimalFormatUnderOneBytePerPoint()
    {
        var random = new Random(5);
        var value = 50.0;
        var times = Enumerable.Range(0, 240).Select(i => Data.T0 + (i * 10 * Data.Second)).ToArray();
        var values = times.Select(_ => value = Math.Round(value + ((random.Next(21) - 10) / 10.0), 1)).ToArray();

        var length = AssertRoundTrip(times, values);

        Assert.True(length < 240, $"{length} bytes for 240 one-decimal gauge points");
    }

    [Theory]
    [InlineData(new[] { 0.0, 1, 2, 3 })]
    [InlineData(new[] { -1.5, 2.25, -3.125, 1e-6 })]
    [InlineData(new[] { 9_007_199_254_740_991.0, -9_007_199_254_740_991.0, 0 })]
    [InlineData(new[] { 1.0, -0.0, 1.0 })]
    [InlineData(new[] { 0.1, 0.2, 0.30000000000000004 })]
    [InlineData(new[] { 1e300, 1, 2 })]
    [InlineData(new[] { 1.0, double.NaN })]
    [InlineData(new[] { 12.3, 12.3, 12.3, 12.4 })]
    public void Encode_DecimalCandidates_RoundTripBitExact(double[] values)
    {
        var times = Enumerable.Range(0, values.Length).Select(i => (long)i * 1000).ToArray();
        _ = AssertRoundTrip(times, values);
    }

    [Fact]
    public void Encode_ExtremeTimes_RoundTrip()
    {
        _ = AssertRoundTrip([long.MinValue, -1, 0, long.MaxValue], [1, 2, 3, 4]);
    }

    [Fact]
    public void Encode_EqualTimes_ThrowsArgumentException()
    {
        var buffer = new byte[BlockCodec.MaxEncodedBytes(2)];
        Assert.Throws<ArgumentException>(() => BlockCodec.Encode([5, 5], [1, 2], buffer));
    }

    [Fact]
    public void Decode_TruncatedBlock_ThrowsInvalidData()
    {
        var times = Enumerable.Range(0, 100).Select(i => (long)i * 7919).ToArray();
        var values = times.Select(t => Math.Sqrt(t)).ToArray();
        var buffer = new byte[BlockCodec.MaxEncodedBytes(times.Length)];
        var length = BlockCodec.Encode(times, values, buffer);

        for (var cut = 0; cut < length - 1; cut++)
        {
            Assert.Throws<InvalidDataException>(() => BlockCodec.Decode(buffer.AsSpan(0, cut), new long[100], new double[100]));
        }
    }

    [Fact]
    public void Decode_RandomBytes_ThrowsInvalidDataOrDecodesIncreasingTimes()
    {
        var random = new Random(11);
        var times = new long[ushort.MaxValue];
        var values = new double[ushort.MaxValue];
        for (var round = 0; round < 2000; round++)
        {
            var data = new byte[random.Next(0, 200)];
            random.NextBytes(data);
            if (data.Length > 0)
            {
                data[0] = (byte)(round % 3 == 2 ? data[0] : (round % 3) + 1);
            }

            try
            {
                var count = BlockCodec.Decode(data, times, values);
                for (var i = 1; i < count; i++)
                {
                    Assert.True(times[i] > times[i - 1]);
                }
            }
            catch (InvalidDataException)
            {
                // The expected outcome for garbage; any other exception type fails the test.
            }
        }
    }

    private static int AssertRoundTrip(long[] times, double[] values)
    {
        var buffer = new byte[BlockCodec.MaxEncodedBytes(times.Length)];
        var length = BlockCodec.Encode(times, values, buffer);
        var data = buffer.AsSpan(0, length);
        Assert.Equal(times.Length, BlockCodec.CountOf(data));
        var decodedTimes = new long[times.Length];
        var decodedValues = new double[times.Length];

        Assert.Equal(times.Length, BlockCodec.Decode(data, decodedTimes, decodedValues));

        Assert.Equal(times, decodedTimes);
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), decodedValues.Select(BitConverter.DoubleToInt64Bits));
        return length;
    }
}
