using Fathom.Collectors.Common.Snmp;
using Fathom.Collectors.Common.Snmp.Ber;

namespace Fathom.Collectors.Tests.Snmp;

/// <summary>The decoder refuses every kind of bad packet with a reason, without exceptions and without sizing anything from a length field.</summary>
public sealed class SnmpMalformedTests
{
    private static readonly byte[] Valid = SnmpPackets.Message(42, "public",
    [
        new(Oid.Parse("1.3.6.1.2.1.1.1.0"), SnmpValue.OctetString("Linux")),
        new(Oid.Parse("1.3.6.1.2.1.2.2.1.10.1"), SnmpValue.Counter32(3363118971)),
        new(Oid.Parse("1.3.6.1.2.1.31.1.1.1.6.1"), SnmpValue.Counter64(183751748671)),
    ]);

    public static TheoryData<string, string, SnmpRejectReason> Cases() => new()
    {
        { "indefinite length", "3080" + Hex(Valid[2..]), SnmpRejectReason.BadLength },
        { "length 0x81 05 (short form fits)", "308105020101", SnmpRejectReason.BadLength },
        { "length 0x82 00 05 (leading zero)", "30820005020101", SnmpRejectReason.BadLength },
        { "length of 5 bytes", "30850000000005", SnmpRejectReason.BadLength },
        { "length 0x84 7FFFFFFF", "30847FFFFFFF020101", SnmpRejectReason.Truncated },
        { "length 0x84 FFFFFFFF", "3084FFFFFFFF020101", SnmpRejectReason.Truncated },
        { "high tag number", "3F0100", SnmpRejectReason.WrongTag },
        { "message is a SET", "3103020101", SnmpRejectReason.WrongTag },
        { "version is a string", "30030401" + "01", SnmpRejectReason.WrongTag },
        { "version of 9 bytes", "300B0209010000000000000000", SnmpRejectReason.BadInteger },
        { "empty version", "30020200", SnmpRejectReason.BadInteger },
        { "trailing byte after the message", Hex(Valid) + "00", SnmpRejectReason.TrailingBytes },
        { "PDU tag 0x30", Hex(Raw(0x30)), SnmpRejectReason.WrongTag },
        { "request-id of 5 bytes", Hex(RequestId("02050100000000")), SnmpRejectReason.BadInteger },
        { "request-id as OCTET STRING", Hex(RequestId("040101")), SnmpRejectReason.WrongTag },
        { "varbind list of the wrong tag", Hex(SnmpPackets.WithRawVarBinds(1, "public", SnmpPackets.Tlv(0x31))), SnmpRejectReason.WrongTag },
        { "OID arc above 2^32", Hex(Bind(Convert.FromHexString("06062B9080808000"), "0500")), SnmpRejectReason.BadOid },
        { "OID arc with 0x80 padding", Hex(Bind(Convert.FromHexString("06032B8001"), "0500")), SnmpRejectReason.BadOid },
        { "OID unterminated", Hex(Bind(Convert.FromHexString("06022B86"), "0500")), SnmpRejectReason.BadOid },
        { "empty OID", Hex(Bind(Convert.FromHexString("0600"), "0500")), SnmpRejectReason.BadOid },
        { "OID of 129 arcs", Hex(Bind(SnmpPackets.Tlv(0x06, [0x2B, .. Enumerable.Repeat((byte)1, 127)]), "0500")), SnmpRejectReason.BadOid },
        { "OID as a string", Hex(Bind(Convert.FromHexString("04022B06"), "0500")), SnmpRejectReason.WrongTag },
        { "value tag 0x47", Hex(Bind(Sys, "470100")), SnmpRejectReason.WrongTag },
        { "value tag 0x30", Hex(Bind(Sys, "3000")), SnmpRejectReason.WrongTag },
        { "Integer of 5 bytes", Hex(Bind(Sys, "02050100000000")), SnmpRejectReason.BadInteger },
        { "empty Integer", Hex(Bind(Sys, "0200")), SnmpRejectReason.BadInteger },
        { "Counter32 above 2^32", Hex(Bind(Sys, "41050100000000")), SnmpRejectReason.BadInteger },
        { "negative Counter32", Hex(Bind(Sys, "4101FF")), SnmpRejectReason.BadInteger },
        { "Counter64 above 2^64", Hex(Bind(Sys, "460A01000000000000000000")), SnmpRejectReason.BadInteger },
        { "IpAddress of 5 bytes", Hex(Bind(Sys, "40050102030405")), SnmpRejectReason.BadValue },
        { "Null with content", Hex(Bind(Sys, "050100")), SnmpRejectReason.BadValue },
        { "endOfMibView with content", Hex(Bind(Sys, "820100")), SnmpRejectReason.BadValue },
        { "varbind with a third element", Hex(Bind(Sys, "05000500")), SnmpRejectReason.TrailingBytes },
        { "value length past the varbind", Hex(Bind(Sys, "0405414243")[..^2]), SnmpRejectReason.Truncated },
        { "value length 0x84 7FFFFFFF", Hex(Bind(Sys, "04847FFFFFFF41")), SnmpRejectReason.Truncated },
    };

    private static readonly byte[] Sys = SnmpPackets.OidTlv("1.3.6.1.2.1.1.1.0");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decode_Malformed_IsRejectedWithItsReason(string what, string hex, SnmpRejectReason expected)
    {
        var (_, _, rejection) = SnmpPackets.Decode(Convert.FromHexString(hex));

        Assert.True(rejection is not null, what);
        Assert.Equal(expected, rejection.Value.Reason);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Value.Describe()));
    }

    [Fact]
    public void Decode_TruncatedAtEveryByte_IsRejectedEachTime()
    {
        for (var length = 0; length < Valid.Length; length++)
        {
            var (_, _, rejection) = SnmpPackets.Decode(Valid[..length]);

            Assert.True(rejection is not null, $"accepted the first {length} bytes");
        }

        Assert.Null(SnmpPackets.Decode(Valid).Rejection);
    }

    [Fact]
    public void Decode_HugeLengthField_AllocatesNothingFromIt()
    {
        var huge = Convert.FromHexString("30847FFFFFFF02010104067075626C6963");
        var inner = Bind(Sys, "04847FFFFFFF41");
        Assert.Equal(SnmpRejectReason.Truncated, SnmpPackets.Decode(huge).Rejection?.Reason);
        Assert.Equal(SnmpRejectReason.Truncated, SnmpPackets.Decode(inner).Rejection?.Reason);
        var varBinds = new List<SnmpVarBind>(4);
        Assert.True(SnmpMessage.TryReadHeader(inner, out var header, out _));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            SnmpMessage.TryReadHeader(huge, out _, out _);
        }

        var headerBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            SnmpMessage.TryReadVarBinds(inner, header, varBinds, out _);
        }

        var varBindBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(headerBytes < 256, $"{headerBytes} bytes allocated reading 100 message headers that claim 2 GiB");
        // Only the varbind's OID (ten arcs) is allocated before its value's length is refused.
        Assert.True(varBindBytes < 100 * 128, $"{varBindBytes} bytes allocated reading 100 varbinds whose value claims 2 GiB");
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);

    private static byte[] Bind(byte[] oid, string valueHex) =>
        SnmpPackets.WithRawVarBinds(7, "public", SnmpPackets.Tlv(0x30, SnmpPackets.Tlv(0x30, oid, Convert.FromHexString(valueHex))));

    private static byte[] Raw(byte pduTag) =>
        SnmpPackets.Tlv(0x30, SnmpPackets.Tlv(0x02, [1]), SnmpPackets.Tlv(0x04, "public"u8.ToArray()),
            SnmpPackets.Tlv(pduTag, SnmpPackets.Integer(1), SnmpPackets.Tlv(0x02, [0]), SnmpPackets.Tlv(0x02, [0]), SnmpPackets.Tlv(0x30)));

    private static byte[] RequestId(string hex) =>
        SnmpPackets.Tlv(0x30, SnmpPackets.Tlv(0x02, [1]), SnmpPackets.Tlv(0x04, "public"u8.ToArray()),
            SnmpPackets.Tlv(BerTag.Response, Convert.FromHexString(hex), SnmpPackets.Tlv(0x02, [0]), SnmpPackets.Tlv(0x02, [0]), SnmpPackets.Tlv(0x30)));
}
