using Fathom.Collectors.Common.Tls;
using Fathom.Collectors.Dns;
using Fathom.Collectors.Http;
using Fathom.Collectors.Tcp;
using Fathom.Collectors.Tests.Support;
using Fathom.TestSupport;

namespace Fathom.Collectors.Tests.Probes;

/// <summary>Each module's warm-up really runs its probe code to the end against its own loopback peer, and emits nothing.</summary>
public sealed class ProbeWarmupTests
{
    private static readonly CancellationToken Bounded = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TcpWarmup_NameTargetPlainOrTls_ProbeSucceedsOnLoopback(bool tls)
    {
        var probe = new TcpProbe(new HostPort("target.invalid", 443), tls, null, TimeSpan.FromSeconds(10), new TlsSettings(Insecure: false));

        Assert.Null(await TcpWarmup.RunAsync([probe], TimeProvider.System, Bounded));
    }

    [Theory]
    [InlineData("http://target.invalid/health", "GET")]
    [InlineData("https://target.invalid/health", "GET")]
    [InlineData("http://192.0.2.1:8080/submit", "POST")]
    [InlineData("https://[2001:db8::1]/head", "HEAD")]
    public async Task HttpWarmup_AnyUrlAndMethod_RedirectedRequestSucceedsOnLoopback(string url, string method)
    {
        var settings = HttpConfig.Read(TestConfig.Collector("http", "/tmp", ("url", url), ("method", method), ("body", "payload"), ("expect_body", method == "HEAD" ? "^$" : "^ok$")));

        Assert.Null(await HttpWarmup.RunAsync(settings, TimeProvider.System, Bounded));
    }

    [Theory]
    [InlineData("A", "127.0.0.1:53")]
    [InlineData("TXT", "localhost:53")]
    public async Task DnsWarmup_UdpAndTcp_BothExchangesSucceedAndNothingIsEmitted(string type, string server)
    {
        var settings = DnsConfig.Read(TestConfig.Collector("dns", "/tmp", ("name", "target.invalid"), ("type", type), ("server", server)));
        var runner = new Runner(new Fathom.Collectors.Noop.NoopCollector(), TimeProvider.System);

        Assert.Null(await DnsWarmup.RunAsync(settings, runner.Context, Bounded));
        Assert.Empty(runner.Sink.Snapshot());
    }
}
