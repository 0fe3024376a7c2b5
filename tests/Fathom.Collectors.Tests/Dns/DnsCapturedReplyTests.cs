using System.Net;
using System.Net.Sockets;
using Fathom.Collectors.Dns;

namespace Fathom.Collectors.Tests.Dns;

/// <summary>The parser on real replies captured from dnsmasq: cut at every offset, and corrupted at random.</summary>
public sealed class DnsCapturedReplyTests(DnsmasqFixture dnsmasq) : IClassFixture<DnsmasqFixture>
{
    private async Task<byte[]> CaptureAsync(string name, ushort type, bool tcp = false)
    {
        var query = DnsQuery.Build(0x4242, DnsName.ToWire(name), type, recursionDesired: true);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var server = new IPEndPoint(IPAddress.Loopback, dnsmasq.Port);
        if (tcp)
        {
            using var client = new TcpClient();
            await client.ConnectAsync(server, cts.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(new byte[] { (byte)(query.Length >> 8), (byte)query.Length }, cts.Token);
            await stream.WriteAsync(query, cts.Token);
            var prefix = new byte[2];
            await stream.ReadExactlyAsync(prefix, cts.Token);
            var reply = new byte[(prefix[0] << 8) | prefix[1]];
            await stream.ReadExactlyAsync(reply, cts.Token);
            return reply;
        }

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(server, cts.Token);
        await socket.SendAsync(query, SocketFlags.None, cts.Token);
        var buffer = new byte[4096];
        var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
        return buffer[..n];
    }

    [Theory]
    [InlineData("m.test", DnsRecordType.MX, false)]
    [InlineData("c.test", DnsRecordType.A, false)]
    [InlineData("big.test", DnsRecordType.TXT, true)]
    public async Task Parse_RealReplyCutAtEveryOffset_ErrorNeverException(string name, ushort type, bool tcp)
    {
        var reply = await CaptureAsync(name, type, tcp);
        var full = DnsParser.Parse(reply);
        Assert.Null(full.Error);
        Assert.NotEmpty(full.Message!.Answers);

        for (var length = 0; length < reply.Length; length++)
        {
            var cut = DnsParser.Parse(reply.AsMemory(0, length));
            Assert.Null(cut.Message);
            Assert.False(string.IsNullOrEmpty(cut.Error), $"cut at {length} of {reply.Length}");
        }
    }

    [Fact]
    public async Task Parse_RealReplyCorruptedAtRandom_NeverThrows()
    {
        var reply = await CaptureAsync("c.test", DnsRecordType.A);
        var random = new Random(58337514);
        var errors = 0;
        for (var round = 0; round < 20000; round++)
        {
            var bytes = (byte[])reply.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var result = DnsParser.Parse(bytes);
            Assert.True(result.Message is null ^ result.Error is null);
            errors += result.Error is null ? 0 : 1;
        }

        // Not every corruption breaks the format (a changed TTL or address is still a message), but many do.
        Assert.InRange(errors, 1000, 19999);
    }

    [Fact]
    public async Task Parse_TruncatedUdpReply_TcBitSet()
    {
        var reply = await CaptureAsync("big.test", DnsRecordType.TXT);
        var result = DnsParser.Parse(reply);
        Assert.True(result.Header!.Value.Truncated);
        Assert.True(reply.Length <= 512);
    }
}
