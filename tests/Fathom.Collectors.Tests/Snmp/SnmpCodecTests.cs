using CsCheck;
using Fathom.Collectors.Common.Snmp;
using Fathom.Collectors.Common.Snmp.Ber;

namespace Fathom.Collectors.Tests.Snmp;

public sealed class SnmpCodecTests
{
    private static readonly Oid SysDescr = Oid.Parse("1.3.6.1.2.1.1.1.0");

    [Fact]
    public void WriteRequest_GetSysDescr_IsTheTextbookEncoding()
    {
        var buffer = new byte[200];
        var start = SnmpMessage.WriteRequest(buffer, BerTag.GetRequest, 1, 0, 0, "public"u8, [SysDescr]);

        Assert.Equal(
            Convert.FromHexString("302602010104067075626C6963A019020101020100020100300E300C06082B060102010101000500"),
            buffer[start..]);
    }

    [Fact]
    public void Decode_OurEncodingOfEveryType_RoundTrips()
    {
        SnmpVarBind[] varBinds =
        [
            new(SysDescr, SnmpValue.OctetString("Linux vm 6.18")),
            new(Oid.Parse("1.3.6.1.2.1.1.3.0"), SnmpValue.TimeTicks(uint.MaxValue)),
            new(Oid.Parse("1.3.6.1.2.1.2.2.1.10.1"), SnmpValue.Counter32(uint.MaxValue)),
            new(Oid.Parse("1.3.6.1.2.1.2.2.1.5.1"), SnmpValue.Gauge32(0x80)),
            new(Oid.Parse("1.3.6.1.2.1.31.1.1.1.6.1"), SnmpValue.Counter64(ulong.MaxValue)),
            new(Oid.Parse("1.3.6.1.2.1.2.2.1.8.1"), SnmpValue.Integer(int.MinValue)),
            new(Oid.Parse("1.3.6.1.2.1.2.2.1.8.2"), SnmpValue.Integer(int.MaxValue)),
            new(Oid.Parse("1.3.6.1.2.1.4.20.1.1.127.0.0.1"), SnmpValue.IpAddress(new byte[] { 127, 0, 0, 1 })),
            new(Oid.Parse("1.3.6.1.2.1.1.2.0"), SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.8072.3.2.10"))),
            new(Oid.Parse("1.3.6.1.4.1.2021.10.1.6.1"), SnmpValue.Opaque(new byte[] { 0x9f, 0x78, 0x04, 0x3e, 0x4c, 0xcc, 0xcd })),
            new(Oid.Parse("1.3.6.1.2.1.1.99.0"), SnmpValue.Exception(SnmpType.NoSuchObject)),
            new(Oid.Parse("1.3.6.1.2.1.1.1.5"), SnmpValue.Exception(SnmpType.NoSuchInstance)),
            new(Oid.Parse("1.3.6.1.9"), SnmpValue.Exception(SnmpType.EndOfMibView)),
            new(Oid.Parse("1.3.6.1.2.1.1.5.0"), SnmpValue.Null),
            new(Oid.Parse("1.3.6.1.2.1.1.6.0"), SnmpValue.OctetString(new byte[1000])),
        ];

        var (header, decoded, rejection) = SnmpPackets.Decode(SnmpPackets.Message(0x7FFFFFFF, "s3cret", varBinds));

        Assert.Null(rejection);
        Assert.Equal(0x7FFFFFFF, header.RequestId);
        Assert.Equal(BerTag.Response, header.PduType);
        Assert.Equal(varBinds, decoded);
        Assert.Equal("Linux vm 6.18", decoded[0].Value.Text);
        Assert.Equal("127.0.0.1", decoded[7].Value.Text);
        Assert.Equal(-2147483648L, decoded[5].Value.Int64);
        Assert.True(decoded[4].Value.TryGetDouble(out var big) && big == ulong.MaxValue);
        Assert.True(decoded[10].Value.IsException);
        Assert.False(decoded[9].Value.TryGetDouble(out _));
    }

    [Fact]
    public void Decode_RandomVarBinds_RoundTrip()
    {
        var arc = Gen.OneOf(Gen.UInt[0, 200], Gen.UInt);
        var oid = Gen.Select(Gen.UInt[0, 2], Gen.UInt[0, 39], arc.Array[0, 30], (a, b, rest) => Oid.FromArcs([a, b, .. rest]));
        var value = Gen.OneOf(
            Gen.Int.Select(i => SnmpValue.Integer(i)),
            Gen.UInt.Select(SnmpValue.Counter32),
            Gen.UInt.Select(SnmpValue.Gauge32),
            Gen.UInt.Select(SnmpValue.TimeTicks),
            Gen.ULong.Select(SnmpValue.Counter64),
            Gen.Byte.Array[0, 300].Select(b => SnmpValue.OctetString(b)),
            Gen.Byte.Array[4].Select(b => SnmpValue.IpAddress(b)),
            oid.Select(SnmpValue.ObjectIdentifier),
            Gen.Const(SnmpValue.Exception(SnmpType.EndOfMibView)));
        var varBind = Gen.Select(oid, value, (o, v) => new SnmpVarBind(o, v));

        Gen.Select(Gen.Int[0, int.MaxValue], varBind.Array[0, 40]).Sample((id, binds) =>
        {
            var (header, decoded, rejection) = SnmpPackets.Decode(SnmpPackets.Message(id, "public", binds));
            return rejection is null && header.RequestId == id && decoded.SequenceEqual(binds);
        }, iter: 2000);
    }

    [Theory]
    [InlineData(0L, "020100")]
    [InlineData(127L, "02017F")]
    [InlineData(128L, "02020080")]
    [InlineData(-1L, "0201FF")]
    [InlineData(-128L, "020180")]
    [InlineData(-129L, "0202FF7F")]
    [InlineData(int.MaxValue, "02047FFFFFFF")]
    [InlineData(int.MinValue, "020480000000")]
    public void WriteSigned_IsMinimalTwosComplement(long value, string hex)
    {
        var buffer = new byte[16];
        var writer = new BerWriter(buffer);
        writer.WriteSigned(0x02, value);

        Assert.Equal(hex, Convert.ToHexString(writer.Result));
        Assert.True(BerInteger.TryReadSigned(writer.Result[2..], out var back));
        Assert.Equal(value, back);
    }

    [Theory]
    [InlineData(0xFFFFFFFFUL, "410500FFFFFFFF")]
    [InlineData(0x80UL, "41020080")]
    [InlineData(0UL, "410100")]
    public void WriteUnsigned_AddsALeadingZeroForTheTopBit(ulong value, string hex)
    {
        var buffer = new byte[16];
        var writer = new BerWriter(buffer);
        writer.WriteUnsigned(0x41, value);

        Assert.Equal(hex, Convert.ToHexString(writer.Result));
    }

    [Fact]
    public void WriteHeader_LongForm_ForLongContent()
    {
        var buffer = new byte[2000];
        var writer = new BerWriter(buffer);
        writer.WriteBytes(0x04, new byte[1000]);
        Assert.Equal("048203E8", Convert.ToHexString(writer.Result[..4]));

        writer = new BerWriter(buffer);
        writer.WriteBytes(0x04, new byte[200]);
        Assert.Equal("0481C8", Convert.ToHexString(writer.Result[..3]));
    }
}
