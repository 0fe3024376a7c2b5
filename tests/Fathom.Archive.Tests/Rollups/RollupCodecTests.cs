using Fathom.Archive.Rollups;

namespace Fathom.Archive.Tests.Rollups;

public sealed class RollupCodecTests
{
    private const long Minute = Resolutions.MinuteNs;

    [Fact]
    public void EncodeDecode_RunWithGapsSinglesAndNegativeTimes_RoundTripsExactly()
    {
        RollupBucket[] buckets =
        [
            new() { Start = -3 * Minute, Count = 2, Min = -1.5, Max = 2, Sum = 0.5, Last = 2 },
            RollupBucket.Of(-2 * Minute, double.PositiveInfinity),
            new() { Start = 5 * Minute, Count = 300, Min = 0.1, Max = 1e300, Sum = 1.25e301, Last = 3 },
            RollupBucket.Of(long.MaxValue / Minute * Minute, -0.0),
        ];
        var data = new byte[RollupCodec.MaxEncodedBytes(buckets.Length)];
        var length = RollupCodec.Encode(buckets, Minute, data);

        var decoded = Decode(data.AsSpan(0, length));
        Assert.Equal(buckets, decoded);
        Assert.True(length < 94, $"{length} bytes: less than the 94 of plain varints and doubles (4 fields × 8 bytes each)");
    }

    [Fact]
    public void Encode_DayOfSteadyHours_TakesAFewBitsAnHour()
    {
        // 24 hours of a 0/1 state sampled every 10 s: the same count, min, max; sums and lasts repeat.
        var buckets = Enumerable.Range(0, 24).Select(h => new RollupBucket { Start = h * Resolutions.HourNs, Count = 360, Min = 0, Max = 1, Sum = h < 12 ? 180 : 200, Last = 1 }).ToArray();
        var data = new byte[RollupCodec.MaxEncodedBytes(buckets.Length)];
        var length = RollupCodec.Encode(buckets, Resolutions.HourNs, data);

        var decoded = new List<RollupBucket>();
        RollupCodec.Decode(data.AsSpan(0, length), Resolutions.HourNs, ref decoded, static (ref List<RollupBucket> l, in RollupBucket b) => l.Add(b));
        Assert.Equal(buckets, decoded);
        Assert.True(length <= 60, $"{length} bytes for 24 hours");
    }

    [Fact]
    public void Encode_DecimalFieldsAndAnInexactSum_RoundTripExactlyAndSmall()
    {
        // An hour a bucket of a one-decimal gauge: min, max and last are tenths, the sums are not exact tenths.
        var random = new Random(3);
        var gauge = 50.0;
        var buckets = new RollupBucket[24];
        for (var h = 0; h < buckets.Length; h++)
        {
            var values = Enumerable.Range(0, 360).Select(_ => Math.Round(gauge += (random.Next(-10, 11) / 10.0), 1)).ToArray();
            buckets[h] = new RollupBucket { Start = h * Resolutions.HourNs, Count = 360, Min = values.Min(), Max = values.Max(), Sum = values.Sum(), Last = values[^1] };
        }

        var data = new byte[RollupCodec.MaxEncodedBytes(buckets.Length)];
        var length = RollupCodec.Encode(buckets, Resolutions.HourNs, data);
        var decoded = new List<RollupBucket>();
        RollupCodec.Decode(data.AsSpan(0, length), Resolutions.HourNs, ref decoded, static (ref List<RollupBucket> l, in RollupBucket b) => l.Add(b));

        Assert.Equal(buckets, decoded);
        Assert.True(length < 24 * 16, $"{length} bytes for 24 hours");
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 3, 0, 0 }, "declares 0 buckets")]
    [InlineData(new byte[] { 3, 0, 1, 0, 0, 0 }, "ends early")]
    [InlineData(new byte[] { 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0x7F, 0xFF }, "unknown rollup field code 7")]
    [InlineData(new byte[] { 2, 0, 1 }, "unknown rollup format 2")]
    [InlineData(new byte[] { 1, 1, 0, 1 }, "unknown rollup format 1")]
    public void Decode_BadData_ThrowsInvalidDataWithReason(byte[] data, string reason)
    {
        var e = Assert.Throws<InvalidDataException>(() => Decode(data));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_OutOfOrder_Refused() =>
        Assert.Throws<ArgumentException>(() => RollupCodec.Encode([RollupBucket.Of(Minute, 1), RollupBucket.Of(0, 1)], Minute, new byte[100]));

    [Fact]
    public void BucketSeries_PointsAndSummariesInAnyOrder_LandInTheirBuckets()
    {
        var series = new BucketSeries(Resolutions.HourNs);
        series.AddPoint(Resolutions.HourNs + 5, 4);
        series.AddPoint(5, 1);
        series.AddPoint(7, double.NaN);
        series.AddSummary(new RollupBucket { Start = Minute, Count = 2, Min = -1, Max = 3, Sum = 2, Last = 3 });
        series.AddPoint(-1, 9);

        Assert.Equal(3, series.Count);
        Assert.Equal(RollupBucket.Of(-Resolutions.HourNs, 9), series[0]);
        Assert.Equal(new RollupBucket { Start = 0, Count = 3, Min = -1, Max = 3, Sum = 3, Last = 3 }, series[1]);
        Assert.Equal(RollupBucket.Of(Resolutions.HourNs, 4), series[2]);
    }

    private static List<RollupBucket> Decode(ReadOnlySpan<byte> data)
    {
        var list = new List<RollupBucket>();
        RollupCodec.Decode(data, Minute, ref list, static (ref List<RollupBucket> l, in RollupBucket b) => l.Add(b));
        return list;
    }
}
