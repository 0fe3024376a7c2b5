using Fathom.Collectors.Dns;
using Fathom.Collectors.Tests.Support;
using Fathom.TestSupport;

namespace Fathom.Collectors.Tests.Dns;

/// <summary>How the collector treats stray, broken and missing replies, with a fake server that misbehaves on purpose.</summary>
public sealed class DnsTransportTests
{
    private static readonly byte[] ARecord = new Wire().Pointer(12).RecordHead(DnsRecordType.A, 4).Bytes(192, 0, 2, 7).ToArray();

    private static async Task<Runner> RunAsync(FakeDnsServer fake, params (string Key, string Value)[] settings)
    {
        var collector = new DnsCollector();
        collector.Init(TestConfig.Collector("dns", "/tmp", [("server", fake.Server), ("name", "a.test"), .. settings]));
        var r = new Runner(collector, TimeProvider.System);
        await r.RunAsync();
        return r;
    }

    private static string Failure(Runner r) =>
        System.Text.Json.JsonDocument.Parse(Assert.Single(r.Sink.Events(), e => e.Name == "dns.failure").Json).RootElement.GetProperty("reason").GetString()!;

    [Fact]
    public async Task CollectAsync_WrongIdAndWrongQuestionFirst_IgnoredThenRealReplyUsed()
    {
        await using var fake = new FakeDnsServer(q =>
        [
            FakeDnsServer.Reply(q, an: 1, idDelta: 1, tail: [0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 10, 0, 0, 1]),
            FakeDnsServer.Reply(q, otherQuestion: "b.test"),
            FakeDnsServer.Reply(q, flags: 0x0100),
            FakeDnsServer.Reply(q, an: 1, tail: ARecord),
        ]);
        var r = await RunAsync(fake);

        Assert.Equal(1, r.Value("dns.success"));
        Assert.Equal(1, r.Value("dns.answers"));
        Assert.Contains("192.0.2.7", Assert.Single(r.Sink.Events(), e => e.Name == "dns.answer").Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectAsync_OnlyStrayReplies_TimesOutWithReason()
    {
        await using var fake = new FakeDnsServer(q => [FakeDnsServer.Reply(q, idDelta: 7), [0x01]]);
        var r = await RunAsync(fake, ("timeout", "300ms"));

        Assert.Equal(0, r.Value("dns.success"));
        Assert.True(r.Value("dns.duration") >= 290, "timer granularity allows a little under 300 ms, never a quick failure");
        Assert.Contains("no reply within 0.3 s", Failure(r), StringComparison.Ordinal);
        Assert.Empty(r.Sink.Samples("dns.rcode"));
    }

    [Fact]
    public async Task CollectAsync_MalformedReplyWithOurId_FailureNamesTheProblem()
    {
        var loop = new Wire().Pointer(12).RecordHead(DnsRecordType.A, 4).Bytes(1, 2, 3, 4).Bytes(0xC0, 0x00).ToArray();
        await using var fake = new FakeDnsServer(q =>
        {
            var selfPointer = q.Length + ARecord.Length;
            loop[^2] = (byte)(0xC0 | (selfPointer >> 8));
            loop[^1] = (byte)selfPointer;
            return [FakeDnsServer.Reply(q, an: 2, tail: loop)];
        });
        var r = await RunAsync(fake);

        Assert.Equal(0, r.Value("dns.success"));
        Assert.Contains("UDP reply: answer 2: owner name: name pointer loop at offset", Failure(r), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectAsync_TruncatedReplyButNoTcpServer_FailureNamesTcp()
    {
        await using var fake = new FakeDnsServer(q => [FakeDnsServer.Reply(q, flags: 0x8380)]);
        var r = await RunAsync(fake);

        Assert.Equal(0, r.Value("dns.success"));
        Assert.Contains("refused", Failure(r), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, fake.Queries);
    }

    [Fact]
    public async Task CollectAsync_RecursionNo_QueryHasRdBitCleared()
    {
        var flags = new List<int>();
        await using var fake = new FakeDnsServer(q =>
        {
            lock (flags)
            {
                flags.Add((q[2] << 8) | q[3]);
            }

            return [FakeDnsServer.Reply(q, an: 1, tail: ARecord)];
        });
        await RunAsync(fake, ("recursion", "no"));
        await RunAsync(fake);

        lock (flags)
        {
            Assert.Equal([0x0000, 0x0100], flags);
        }
    }
}
