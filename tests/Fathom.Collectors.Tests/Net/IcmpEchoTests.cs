using System.Buffers.Binary;
using Fathom.Collectors.Net;

namespace Fathom.Collectors.Tests.Net;

/// <summary>Echo encoding and the decoding of malformed, truncated and foreign packets.</summary>
public sealed class IcmpEchoTests
{
    private static byte[] Reply(ushort id, ushort seq, int payload = 8)
    {
        var p = new byte[IcmpEcho.HeaderLength + payload];
        IcmpEcho.WriteRequest(p, v6: false, id, seq, payload);
        p[0] = IcmpEcho.ReplyV4;
        p[2] = p[3] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), InternetChecksum.Compute(p));
        return p;
    }

    private static byte[] WithIpHeader(byte[] icmp, byte protocol = 1, int ihl = 5)
    {
        var ip = new byte[(ihl * 4) + icmp.Length];
        ip[0] = (byte)(0x40 | ihl);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
        ip[9] = protocol;
        icmp.CopyTo(ip, ihl * 4);
        return ip;
    }

    [Fact]
    public void WriteRequest_V4_ChecksumVerifiesAndFieldsInNetworkOrder()
    {
        var p = new byte[64];
        var n = IcmpEcho.WriteRequest(p, v6: false, 0x1234, 0xABCD, 56);

        Assert.Equal(64, n);
        Assert.Equal([8, 0], p[..2]);
        Assert.Equal([0x12, 0x34, 0xAB, 0xCD], p[4..8]);
        Assert.True(InternetChecksum.IsValid(p));
        Assert.Equal(0x10, p[8]);
    }

    [Fact]
    public void WriteRequest_V6_TypeAndZeroChecksumForKernel()
    {
        var p = new byte[8];
        IcmpEcho.WriteRequest(p, v6: true, 1, 2, 0);
        Assert.Equal(128, p[0]);
        Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(p.AsSpan(2)));
    }

    [Fact]
    public void InternetChecksum_OddLength_MatchesRfc1071Example()
    {
        // RFC 1071 §3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2, complement 220d.
        Assert.Equal(0x220D, InternetChecksum.Compute([0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7]));
        Assert.Equal(InternetChecksum.Compute([0xAB, 0xCD, 0xEF, 0x00]), InternetChecksum.Compute([0xAB, 0xCD, 0xEF]));
    }

    [Fact]
    public void TryParseReply_ValidWithIpHeader_IdAndSequence()
    {
        Assert.Equal(EchoParse.Reply, IcmpEcho.TryParseReply(WithIpHeader(Reply(7, 9)), v6: false, withIpHeader: true, out var id, out var seq));
        Assert.Equal((7, 9), (id, seq));
    }

    [Fact]
    public void TryParseReply_IpOptions_HeaderLengthHonoured()
    {
        Assert.Equal(EchoParse.Reply, IcmpEcho.TryParseReply(WithIpHeader(Reply(7, 9), ihl: 6), v6: false, withIpHeader: true, out _, out var seq));
        Assert.Equal(9, seq);
    }

    [Fact]
    public void TryParseReply_WrongChecksum_Malformed()
    {
        var p = Reply(7, 9);
        p[^1] ^= 0xFF;
        Assert.Equal(EchoParse.Malformed, IcmpEcho.TryParseReply(p, v6: false, withIpHeader: false, out _, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(19)]
    public void TryParseReply_TruncatedIpOrIcmpHeader_Malformed(int length)
    {
        var whole = WithIpHeader(Reply(7, 9, payload: 0));
        Assert.Equal(EchoParse.Malformed, IcmpEcho.TryParseReply(whole.AsSpan(0, length), v6: false, withIpHeader: true, out _, out _));
        Assert.Equal(EchoParse.Malformed, IcmpEcho.TryParseReply(Reply(7, 9, 0).AsSpan(0, Math.Min(length, 7)), v6: false, withIpHeader: false, out _, out _));
    }

    [Fact]
    public void TryParseReply_IcmpShorterThanIpTotalLengthClaims_Malformed()
    {
        var whole = WithIpHeader(Reply(7, 9, payload: 0));
        Assert.Equal(EchoParse.Malformed, IcmpEcho.TryParseReply(whole.AsSpan(0, 24), v6: false, withIpHeader: true, out _, out _));
    }

    [Theory]
    [InlineData(17)]
    [InlineData(6)]
    public void TryParseReply_NotIcmpProtocol_Malformed(byte protocol) =>
        Assert.Equal(EchoParse.Malformed, IcmpEcho.TryParseReply(WithIpHeader(Reply(1, 1), protocol), v6: false, withIpHeader: true, out _, out _));

    [Fact]
    public void TryParseReply_OwnRequestOnLoopback_Other()
    {
        var p = new byte[16];
        IcmpEcho.WriteRequest(p, v6: false, 1, 1, 8);
        Assert.Equal(EchoParse.Other, IcmpEcho.TryParseReply(p, v6: false, withIpHeader: false, out _, out _));
    }

    [Fact]
    public void TryParseReply_V6Reply_NoChecksumCheckByUs()
    {
        byte[] p = [129, 0, 0xDE, 0xAD, 0, 5, 0, 6];
        Assert.Equal(EchoParse.Reply, IcmpEcho.TryParseReply(p, v6: true, withIpHeader: false, out var id, out var seq));
        Assert.Equal((5, 6), (id, seq));
        Assert.Equal(EchoParse.Other, IcmpEcho.TryParseReply([128, 0, 0, 0, 0, 5, 0, 6], v6: true, withIpHeader: false, out _, out _));
    }

    [Fact]
    public void QuotedSequence_ShortOrNotARequest_Null()
    {
        var p = new byte[8];
        IcmpEcho.WriteRequest(p, v6: false, 3, 4, 0);
        Assert.Equal((ushort)4, IcmpEcho.QuotedSequence(p, v6: false));
        Assert.Equal((ushort)3, IcmpEcho.QuotedIdentifier(p));
        Assert.Null(IcmpEcho.QuotedSequence(p.AsSpan(0, 7), v6: false));
        Assert.Null(IcmpEcho.QuotedSequence(p, v6: true));
    }
}
