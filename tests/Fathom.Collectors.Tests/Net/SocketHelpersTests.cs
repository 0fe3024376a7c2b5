using System.Buffers.Binary;
using System.Net;
using Fathom.Collectors.Net;

namespace Fathom.Collectors.Tests.Net;

/// <summary>sockaddr and error-queue decoding, and the raw/datagram socket choice.</summary>
public sealed class SocketHelpersTests
{
    [Theory]
    [InlineData("198.18.3.4", 33434)]
    [InlineData("fd00::1:2", 7)]
    public void SockAddr_WriteThenRead_RoundTrips(string address, int port)
    {
        var buffer = new byte[SockAddr.MaxLength];
        var length = SockAddr.Write(buffer, IPAddress.Parse(address), port);
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), SockAddr.Read(buffer.AsSpan(0, length)));
    }

    [Fact]
    public void SockAddr_ShortOrUnknownFamily_Null()
    {
        Assert.Null(SockAddr.Read([2, 0, 0]));
        Assert.Null(SockAddr.Read(new byte[28]));
    }

    [Fact]
    public void ExtendedError_TimeExceededWithOffender_Parsed()
    {
        var data = new byte[16 + SockAddr.MaxLength];
        BinaryPrimitives.WriteInt32LittleEndian(data, 113);
        data[4] = ExtendedError.OriginIcmp;
        data[5] = 11;
        SockAddr.Write(data.AsSpan(16), IPAddress.Parse("198.18.0.9"), 0);

        var e = ExtendedError.Parse(data)!.Value;
        Assert.True(e.IsTimeExceeded);
        Assert.False(e.IsUnreachable);
        Assert.Equal("time exceeded from 198.18.0.9", e.Describe());
    }

    [Fact]
    public void ExtendedError_Truncated_Null() => Assert.Null(ExtendedError.Parse(new byte[15]));

    [Theory]
    [InlineData(ExtendedError.OriginIcmp, 3, 3, true)]
    [InlineData(ExtendedError.OriginIcmp6, 1, 4, true)]
    [InlineData(ExtendedError.OriginIcmp, 3, 1, false)]
    public void ExtendedError_PortUnreachable_OnlyPortCodes(byte origin, byte type, byte code, bool expected) =>
        Assert.Equal(expected, new ExtendedError(0, origin, type, code, null).IsPortUnreachable);

    [Fact]
    public void Choose_RawAllowed_Raw() =>
        Assert.Equal(IcmpSocketKind.Raw, IcmpSocketChooser.Choose(_ => 0, out _));

    [Fact]
    public void Choose_RawRefusedDatagramAllowed_Datagram()
    {
        var tried = new List<IcmpSocketKind>();
        var kind = IcmpSocketChooser.Choose(k => { tried.Add(k); return k == IcmpSocketKind.Raw ? 1 : 0; }, out var problem);
        Assert.Equal(IcmpSocketKind.Datagram, kind);
        Assert.Null(problem);
        Assert.Equal([IcmpSocketKind.Raw, IcmpSocketKind.Datagram], tried);
    }

    [Fact]
    public void Choose_NeitherAllowed_ProblemNamesCapabilityAndSysctl()
    {
        Assert.Null(IcmpSocketChooser.Choose(k => k == IcmpSocketKind.Raw ? 1 : 13, out var problem));
        Assert.Contains("CAP_NET_RAW", problem, StringComparison.Ordinal);
        Assert.Contains("net.ipv4.ping_group_range is '", problem, StringComparison.Ordinal);
        Assert.Contains("Permission denied", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Current_AsRoot_Raw()
    {
        Assert.True(Environment.IsPrivilegedProcess, "the test suite runs as root");
        Assert.Equal(IcmpSocketKind.Raw, IcmpSocketChooser.Current);
    }
}
