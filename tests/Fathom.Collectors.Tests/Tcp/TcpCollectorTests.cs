using System.Net;
using Fathom.Collectors.Tests.Support;

namespace Fathom.Collectors.Tests.Tcp;

/// <summary>The tcp collector against real servers on 127.0.0.1 and ::1.</summary>
public sealed class TcpCollectorTests
{
    [Fact]
    public async Task CollectAsync_OpenPortIPv4_SuccessWithConnectAndResolveTimes()
    {
        await using var server = LocalServer.Silent();
        var target = $"127.0.0.1:{server.Port}";
        var r = await TcpProbeRun.RunAsync(("target", target));

        Assert.Equal(1, r.Value("tcp.success", "target", target));
        Assert.InRange(r.Value("tcp.connect", "target", target), 0.0001, 5000);
        Assert.InRange(r.Value("tcp.resolve", "target", target), 0, 5000);
        Assert.InRange(r.Value("tcp.duration", "target", target), r.Value("tcp.connect"), 5000);
        Assert.Empty(r.Sink.Samples("tcp.tls"));
        Assert.Empty(r.Sink.Samples("tcp.cert_expiry"));
        Assert.Empty(r.Sink.Events());
        Assert.All(r.Sink.Samples(), s => Assert.Equal([new("collector", "test"), new("target", target)], s.Series.Tags));
        Assert.True(await Poll.UntilAsync(() => server.Accepted == 1));
    }

    [Fact]
    public async Task CollectAsync_OpenPortIPv6_Success()
    {
        await using var server = LocalServer.Silent(IPAddress.IPv6Loopback);
        var target = $"[::1]:{server.Port}";
        var r = await TcpProbeRun.RunAsync(("target", target));

        Assert.Equal(1, r.Value("tcp.success", "target", target));
        Assert.InRange(r.Value("tcp.connect", "target", target), 0.0001, 5000);
    }

    [Fact]
    public async Task CollectAsync_LocalhostName_ResolvedThenConnected()
    {
        // localhost may resolve to ::1 first; the IPv4-only server is reached on the next address.
        await using var server = LocalServer.Silent();
        var target = $"localhost:{server.Port}";
        var r = await TcpProbeRun.RunAsync(("target", target));

        Assert.Equal(1, r.Value("tcp.success", "target", target));
        Assert.InRange(r.Value("tcp.resolve", "target", target), 0.0001, 5000);
    }

    [Fact]
    public async Task CollectAsync_RefusedPort_SuccessZeroWithReason()
    {
        var target = $"127.0.0.1:{LocalServer.ClosedPort()}";
        var r = await TcpProbeRun.RunAsync(("target", target));

        Assert.StartsWith("connection refused (127.0.0.1:", r.Failure("tcp", target), StringComparison.Ordinal);
        Assert.InRange(r.Value("tcp.duration", "target", target), 0, 5000);
        Assert.Empty(r.Sink.Samples("tcp.connect"));
        Assert.Equal(1, r.Context.Problems);
    }

    [Fact]
    public async Task CollectAsync_UnresolvableName_SuccessZeroWithReason()
    {
        var target = "no-such-host.invalid:80";
        var r = await TcpProbeRun.RunAsync(("target", target));

        Assert.StartsWith("cannot resolve 'no-such-host.invalid'", r.Failure("tcp", target), StringComparison.Ordinal);
        Assert.Empty(r.Sink.Samples("tcp.resolve"));
    }

    [Fact]
    public async Task CollectAsync_ServerNeverAnswersHandshake_TimesOutWithReason()
    {
        await using var server = LocalServer.Silent();
        var target = $"127.0.0.1:{server.Port}";
        var r = await TcpProbeRun.RunAsync(("target", target), ("tls", "yes"), ("timeout", "300ms"));

        Assert.Equal("timed out after 0.3 s (TLS handshake)", r.Failure("tcp", target));
        Assert.InRange(r.Value("tcp.duration", "target", target), 290, 5000);
        Assert.InRange(r.Value("tcp.connect", "target", target), 0.0001, 300);
        Assert.Empty(r.Sink.Samples("tcp.tls"));
    }

    [Fact]
    public async Task CollectAsync_NoTimeoutKeyShortRunTimeout_ProbeTimesOutWithinTheRun()
    {
        await using var server = LocalServer.Silent();
        var target = $"127.0.0.1:{server.Port}";
        var config = Fathom.TestSupport.TestConfig.Collector("tcp", "/tmp", ("target", target), ("tls", "yes"));
        var collector = new Fathom.Collectors.Tcp.TcpCollector();
        collector.Init(new Fathom.Core.Collectors.CollectorConfig(config.Id, config.Module, config.Location, config.Settings, config.BaseDirectory) { Timeout = TimeSpan.FromMilliseconds(400) });
        var r = new Runner(collector, TimeProvider.System);
        await r.RunAsync();

        Assert.Equal("timed out after 0.4 s (TLS handshake)", r.Failure("tcp", target));
    }

    [Fact]
    public async Task CollectAsync_TwoTargets_EachWithItsOwnOutcome()
    {
        await using var server = LocalServer.Silent();
        var up = $"127.0.0.1:{server.Port}";
        var down = $"127.0.0.1:{LocalServer.ClosedPort()}";
        var r = await TcpProbeRun.RunAsync(("target", up), ("target", down));

        Assert.Equal(1, r.Value("tcp.success", "target", up));
        Assert.Equal(0, r.Value("tcp.success", "target", down));
        Assert.Empty(r.Reasons("tcp", up));
        Assert.Single(r.Reasons("tcp", down));
    }

    [Fact]
    public async Task CollectAsync_RunCancelled_FailureReportedNoException()
    {
        await using var server = LocalServer.Silent();
        var target = $"127.0.0.1:{server.Port}";
        var collector = new Fathom.Collectors.Tcp.TcpCollector();
        collector.Init(Fathom.TestSupport.TestConfig.Collector("tcp", "/tmp", ("target", target), ("tls", "yes"), ("timeout", "30s")));
        var r = new Runner(collector, TimeProvider.System);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await r.Collector.CollectAsync(r.Context, cts.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("cancelled by the run's timeout or shutdown (TLS handshake)", r.Failure("tcp", target));
    }
}
