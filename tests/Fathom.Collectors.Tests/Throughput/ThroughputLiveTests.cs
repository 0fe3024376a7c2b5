using System.Globalization;
using Fathom.Collectors.Tests.Dns;
using Fathom.Collectors.Tests.Support;
using Fathom.Collectors.Throughput;
using Fathom.TestSupport;

namespace Fathom.Collectors.Tests.Throughput;

/// <summary>The throughput collector against a real iperf3 server on 127.0.0.1 (1-second tests).</summary>
public sealed class ThroughputLiveTests(Iperf3Fixture iperf3) : IClassFixture<Iperf3Fixture>
{
    private async Task<Runner> RunAsync(params (string Key, string Value)[] settings)
    {
        var collector = new ThroughputCollector();
        collector.Init(TestConfig.Collector("throughput", "/tmp", [("target", "127.0.0.1"), ("port", iperf3.Port.ToString(CultureInfo.InvariantCulture)), ("duration", "1s"), .. settings]));
        var r = new Runner(collector, TimeProvider.System);
        await r.RunAsync();
        return r;
    }

    private static string Failure(Runner r) =>
        System.Text.Json.JsonDocument.Parse(Assert.Single(r.Sink.Events(), e => e.Name == "throughput.failure").Json).RootElement.GetProperty("reason").GetString()!;

    [Fact]
    public async Task CollectAsync_Tcp_RateAndRetransmits()
    {
        var r = await RunAsync(("streams", "2"));

        Assert.Equal(1, r.Value("throughput.success"));
        Assert.True(r.Value("throughput.bps") > 1e6);
        Assert.True(r.Value("throughput.retransmits") >= 0);
        Assert.True(r.Value("throughput.duration") >= 1000);
        Assert.Empty(r.Sink.Samples("throughput.jitter"));
        var bps = Assert.Single(r.Sink.Samples("throughput.bps")).Series;
        Assert.Equal([new("collector", "test"), new("target", "127.0.0.1")], bps.Tags);
        Assert.Equal("bits/s", bps.Unit);
        Assert.Equal(0, r.Context.Problems);
    }

    [Fact]
    public async Task CollectAsync_Reverse_Rate()
    {
        var r = await RunAsync(("reverse", "yes"));

        Assert.Equal(1, r.Value("throughput.success"));
        Assert.True(r.Value("throughput.bps") > 1e6);
    }

    [Fact]
    public async Task CollectAsync_Udp_RateJitterLoss()
    {
        var r = await RunAsync(("udp", "yes"), ("bandwidth", "20M"));

        Assert.Equal(1, r.Value("throughput.success"));
        Assert.InRange(r.Value("throughput.bps"), 1e6, 40e6);
        Assert.InRange(r.Value("throughput.jitter"), 0, 1000);
        Assert.InRange(r.Value("throughput.loss"), 0, 100);
        Assert.Empty(r.Sink.Samples("throughput.retransmits"));
    }

    [Fact]
    public async Task CollectAsync_RefusedPort_FailureWithIperf3Error()
    {
        var collector = new ThroughputCollector();
        collector.Init(TestConfig.Collector("throughput", "/tmp", ("target", "127.0.0.1"), ("port", LocalServer.FreePort().ToString(CultureInfo.InvariantCulture)), ("duration", "1s")));
        var r = new Runner(collector, TimeProvider.System);
        await r.RunAsync();

        Assert.Equal(0, r.Value("throughput.success"));
        Assert.Contains("iperf3: unable to connect to server", Failure(r), StringComparison.Ordinal);
        Assert.Contains("refused", Failure(r), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(r.Sink.Samples("throughput.bps"));
        Assert.Equal(1, r.Context.Problems);
    }
}
