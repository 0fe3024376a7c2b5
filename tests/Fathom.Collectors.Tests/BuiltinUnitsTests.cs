using System.Globalization;
using Fathom.Collectors.Dns;
using Fathom.Collectors.Host;
using Fathom.Collectors.Http;
using Fathom.Collectors.Noop;
using Fathom.Collectors.Ping;
using Fathom.Collectors.Snmp;
using Fathom.Collectors.Tcp;
using Fathom.Collectors.Tests.Dns;
using Fathom.Collectors.Tests.Http;
using Fathom.Collectors.Tests.Snmp;
using Fathom.Collectors.Tests.Support;
using Fathom.Collectors.Tests.Throughput;
using Fathom.Collectors.Throughput;
using Fathom.Collectors.Trace;
using Fathom.Core.Collectors;
using Fathom.Core.Measurements;
using Fathom.TestSupport;

namespace Fathom.Collectors.Tests;

/// <summary>Every series of every built-in module (but script, whose series are the user's, and status, which has none) carries one of <see cref="Units"/>.</summary>
public sealed class BuiltinUnitsTests(DnsmasqFixture dnsmasq, Iperf3Fixture iperf3, SnmpdFixture snmpd) : IClassFixture<DnsmasqFixture>, IClassFixture<Iperf3Fixture>, IClassFixture<SnmpdFixture>, IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task CollectAsync_EveryBuiltinModule_EverySeriesHasACanonicalUnit()
    {
        _dir.File("index.html", "ok");
        using var web = await PythonHttpServer.StartAsync(_dir.Path);
        var port = web.Port.ToString(CultureInfo.InvariantCulture);
        using var leaf = Tcp.TestCertificates.Leaf(daysLeft: 30, selfSigned: true);
        await using var tls = Tcp.LocalServer.Start(static (s, ct) => s.CopyToAsync(Stream.Null, ct), leaf);
        var runs = new (ICollector Collector, (string Key, string Value)[] Settings)[]
        {
            (new NoopCollector(), [("emit", "yes")]),
            (new HostCollector(), []),
            (new PingCollector(), [("target", "127.0.0.1"), ("count", "1")]),
            (new TraceCollector(), [("target", "127.0.0.1"), ("max_hops", "2")]),
            (new TcpCollector(), [("target", "127.0.0.1:" + port)]),
            (new TcpCollector(), [("target", $"127.0.0.1:{tls.Port}"), ("tls", "yes"), ("insecure", "yes")]),
            // Followed once (a folder without its slash), so redirects is a real count.
            (new HttpCollector(), [("url", $"http://127.0.0.1:{port}/sub")]),
            (new DnsCollector(), [("name", "a.test"), ("server", dnsmasq.Server)]),
            (new ThroughputCollector(), [("target", "127.0.0.1"), ("port", iperf3.Port.ToString(CultureInfo.InvariantCulture)), ("duration", "1s")]),
            (new SnmpCollector(), [("address", "127.0.0.1"), ("port", snmpd.Server.Port.ToString(CultureInfo.InvariantCulture)), ("community", "public"), ("interface", "lo"), ("oid", "uptime 1.3.6.1.2.1.1.3.0 count")]),
        };
        Directory.CreateDirectory(Path.Combine(_dir.Path, "sub"));
        var modules = new HashSet<string>();
        var units = new List<(string Series, string Unit)>();
        foreach (var (collector, settings) in runs)
        {
            collector.Init(TestConfig.Collector("x", "/tmp", settings));
            var r = new Runner(collector, TimeProvider.System);
            await r.RunAsync();
            var samples = r.Sink.Samples();
            Assert.NotEmpty(samples);
            modules.Add(samples[0].Series.Name.Split('.')[0]);
            units.AddRange(samples.Select(s => (s.Series.Name, s.Series.Unit)));
        }

        // A new module must be added here (status emits state ranges, no series).
        Assert.Equal(BuiltinCollectors.All.Select(d => d.Module).Where(n => n is not "script" and not "status").Order(), modules.Order());
        var odd = units.Where(u => !Units.All.Contains(u.Unit)).Distinct().Select(u => $"{u.Series} '{u.Unit}'").ToList();
        Assert.True(odd.Count == 0, "not a canonical unit: " + string.Join(", ", odd));
        Assert.Contains(("http.status", Units.Code), units);
        Assert.Contains(("http.redirects", Units.Count), units);
        Assert.Contains(("http.content_length", Units.Bytes), units);
        Assert.Contains(("throughput.bps", Units.BitsPerSecond), units);
        Assert.Contains(("tcp.success", Units.Bool), units);
        Assert.Contains(("tcp.cert_expiry", Units.Days), units);
        Assert.Contains(("snmp.if.speed", Units.BitsPerSecond), units);
    }
}
