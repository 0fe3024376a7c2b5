using System.Buffers.Binary;
using System.Text;
using Fathom.Archive.Spool;
using Fathom.Core.Measurements;

namespace Fathom.Archive.Tests.Spool;

public sealed class FramingTests
{
    [Fact]
    public void Crc32C_KnownVector_MatchesCastagnoli()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0u, Crc32C.Compute([]));
    }

    [Fact]
    public void EncodeDecode_EveryKindAndSpecialDoubles_RoundTripsExactly()
    {
        var random = new Random(7);
        for (var n = 0; n < 200; n++)
        {
            var batch = SpoolData.Batch(random, random.Next(0, 50));
            var encoder = new BatchEncoder();
            encoder.Encode(batch);
            var record = encoder.Record.ToArray();
            RecordFrame.Seal(record, n + 1, 123456789);
            Assert.True(RecordFrame.TryReadHeader(record, out var length, out var crc));
            Assert.True(RecordFrame.TryVerify(record, crc, record.AsSpan(RecordFrame.HeaderBytes, length), out var seq, out var at, out var count));
            Assert.Equal((n + 1, 123456789L, batch.Length), (seq, at, count));
            SpoolData.Equal(batch, BatchDecoder.Decode(record.AsSpan(RecordFrame.HeaderBytes)));
        }
    }

    [Fact]
    public void EncodeDecode_ExtremeTimes_RoundTripsExactly()
    {
        var key = Data.Key("x.y");
        Measurement[] batch =
        [
            Data.Point(key, long.MaxValue, 1), Data.Point(key, long.MinValue, 2), Data.Point(key, 0, double.NaN),
            Data.Status("e", long.MaxValue, "down"), Data.Event("ev", long.MinValue, ""),
        ];
        var encoder = new BatchEncoder();
        encoder.Encode(batch);
        SpoolData.Equal(batch, BatchDecoder.Decode(encoder.Record[RecordFrame.HeaderBytes..]));
    }

    [Fact]
    public void Encode_StatusWithoutPreviousTime_SameBytesAsBeforeTheField()
    {
        var encoder = new BatchEncoder();
        encoder.Encode([Data.Status("e", 5, "up")]);

        // No series, head 2, "e", time zigzag(5), "up", no admin: the layout spool files of older versions hold.
        Assert.Equal([0x00, 0x02, 0x01, (byte)'e', 0x0A, 0x02, (byte)'u', (byte)'p', 0x00], encoder.Record[(RecordFrame.HeaderBytes + RecordFrame.PrefixBytes)..].ToArray());
        Assert.Null(Assert.Single(BatchDecoder.Decode(encoder.Record[RecordFrame.HeaderBytes..])).Status.PreviousUnixNs);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1_795_255_190_000_000_000L)]
    [InlineData(long.MaxValue)]
    public void EncodeDecode_StatusWithPreviousTime_RoundTrips(long previous)
    {
        var status = new StatusRecord("eth0", 1_795_255_200_000_000_000L, "down", "maintenance") { PreviousUnixNs = previous };
        var encoder = new BatchEncoder();
        encoder.Encode([Measurement.Of(status)]);

        Assert.Equal(status, Assert.Single(BatchDecoder.Decode(encoder.Record[RecordFrame.HeaderBytes..])).Status);
    }

    [Fact]
    public void EncodeDecode_SameSeriesInTwoUnitsAndAcrossRecords_KeepsEachUnit()
    {
        Measurement[] batch =
        [
            Data.Point(Data.Key("a.b", "ms", ("t", "1")), 1, 1), Data.Point(Data.Key("a.b", "bytes", ("t", "1")), 2, 2),
            Data.Point(Data.Key("a.b", "ms", ("t", "1")), 3, 3),
        ];
        var encoder = new BatchEncoder();
        var cache = new SeriesCache();
        for (var i = 0; i < 3; i++)
        {
            encoder.Encode(batch);
            var decoded = BatchDecoder.Decode(encoder.Record[RecordFrame.HeaderBytes..], cache);
            SpoolData.Equal(batch, decoded);
            Assert.Same(decoded[0].Sample.Series, decoded[2].Sample.Series);
        }
    }

    [Fact]
    public void Decode_CorruptCountsAndLengths_ThrowsWithoutHugeAllocation()
    {
        var encoder = new BatchEncoder();
        encoder.Encode(SpoolData.Batch(new Random(1), 20));
        var payload = encoder.Record[RecordFrame.HeaderBytes..].ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var failures = 0;
        for (var i = RecordFrame.PrefixBytes - 4; i < payload.Length; i++)
        {
            foreach (var value in new byte[] { 0xFF, 0x7F, 0x00 })
            {
                var copy = (byte[])payload.Clone();
                copy[i] = value;
                if (i < RecordFrame.PrefixBytes)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(17), int.MaxValue);
                }

                try
                {
                    _ = BatchDecoder.Decode(copy);
                }
                catch (SpoolFormatException)
                {
                    failures++;
                }
            }
        }

        Assert.True(failures > 0);

        // A few KB per attempt at most: never an array sized by a corrupt count.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < payload.Length * 3L * 64 * 1024, "decoding corrupt payloads allocated too much");
    }

    [Fact]
    public void TryReadHeader_LengthBeyondLimitOrBadMagic_Refused()
    {
        var header = new byte[RecordFrame.HeaderBytes];
        RecordFrame.Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), uint.MaxValue);
        Assert.False(RecordFrame.TryReadHeader(header, out _, out _));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), 100);
        Assert.True(RecordFrame.TryReadHeader(header, out _, out _));
        header[0] ^= 1;
        Assert.False(RecordFrame.TryReadHeader(header, out _, out _));
    }
}
