using System.Text.Json;
using Fathom.Collectors.Tests.Net;
using Fathom.Collectors.Tests.Support;
using Fathom.Collectors.Trace;
using Fathom.TestSupport;

namespace Fathom.Collectors.Tests.Trace;

/// <summary>
/// trace from the root namespace through a chain of routers in namespaces:
/// root — r1 — r2 — dst, with a second way r1 — r3 — dst that a test switches to.
/// </summary>
public sealed class TraceLabTests : IDisposable
{
    private readonly NetLab _lab = new();
    private readonly string _r1;
    private readonly string _r2;
    private readonly string _dst;
    private readonly string _p;
    private readonly string _q;

    public TraceLabTests()
    {
        try
        {
            (_p, _q) = (_lab.V4, _lab.V6);
            _r1 = _lab.Namespace("r1");
            var r2 = _r2 = _lab.Namespace("r2");
            var r3 = _lab.Namespace("r3");
            _dst = _lab.Namespace("d");
            _lab.Wire(null, _r1, "0", 0, 0);
            _lab.Wire(_r1, r2, "1", 4, 1);
            _lab.Wire(r2, _dst, "2", 8, 2);
            _lab.Wire(_r1, r3, "3", 12, 3);
            _lab.Wire(r3, _dst, "4", 16, 4);
            NetLab.Exec(_dst, "ip", "addr", "add", $"{_p}.100/32", "dev", "lo");
            NetLab.Exec(_dst, "ip", "addr", "add", $"{_q}:ff::1/128", "dev", "lo");

            NetLab.Run("ip", "route", "add", $"{_p}.0/24", "via", $"{_p}.2");
            NetLab.Run("ip", "-6", "route", "add", $"{_q}::/48", "via", $"{_q}:0::2");
            _lab.Route(_r1, "100/32", "6", ":ff::1/128", ":1::2");
            _lab.Route(r2, "100/32", "10", ":ff::1/128", ":2::2");
            _lab.Route(r2, "0/24", "5", "::/48", ":1::1");
            _lab.Route(r3, "100/32", "18", ":ff::1/128", ":4::2");
            _lab.Route(r3, "0/24", "13", "::/48", ":3::1");
            _lab.Route(_dst, "0/24", "9", "::/48", ":2::1");
        }
        catch
        {
            _lab.Dispose();
            throw;
        }
    }

    public void Dispose() => _lab.Dispose();

    private static Runner Start(params (string Key, string Value)[] settings)
    {
        var collector = new TraceCollector();
        collector.Init(TestConfig.Collector("trace", "/tmp", settings));
        return new Runner(collector, TimeProvider.System);
    }

    private static List<string?> Addresses(Runner r, string eventName, string property = "hops")
    {
        using var doc = JsonDocument.Parse(r.Sink.Events().Last(e => e.Name == eventName).Json);
        return [.. doc.RootElement.GetProperty(property).EnumerateArray().Select(h => h.GetProperty("address").GetString())];
    }

    [Theory]
    [InlineData("udp", false)]
    [InlineData("icmp", false)]
    [InlineData("udp", true)]
    [InlineData("icmp", true)]
    public async Task CollectAsync_ThreeRouterChain_HopsInOrderAndReached(string protocol, bool v6)
    {
        var target = v6 ? $"{_q}:ff::1" : $"{_p}.100";
        var r = Start(("target", target), ("protocol", protocol), ("max_hops", "8"));
        await r.RunAsync();

        string[] expected = v6 ? [$"{_q}::2", $"{_q}:1::2", target] : [$"{_p}.2", $"{_p}.6", target];
        Assert.Equal(expected, Addresses(r, "trace.path"));
        Assert.Equal(3, r.Value("trace.hops"));
        Assert.Equal(1, r.Value("trace.success"));
        using var doc = JsonDocument.Parse(r.Sink.Events().Single(e => e.Name == "trace.path").Json);
        var hops = doc.RootElement.GetProperty("hops").EnumerateArray().ToList();
        Assert.All(hops, h => Assert.Equal(3, h.GetProperty("rtts").GetArrayLength()));
        Assert.Equal([false, false, true], hops.Select(h => h.GetProperty("reached").GetBoolean()));
        Assert.Equal([1, 2, 3], hops.Select(h => h.GetProperty("ttl").GetInt32()));
        Assert.DoesNotContain(r.Sink.Events(), e => e.Name == "trace.path_change");
    }

    [Fact]
    public async Task CollectAsync_RouteMovedToOtherRouter_PathChangeWithOldAndNew()
    {
        var target = $"{_p}.100";
        var r = Start(("target", target), ("max_hops", "8"));
        await r.RunAsync();
        await r.RunAsync();
        Assert.DoesNotContain(r.Sink.Events(), e => e.Name == "trace.path_change");

        _lab.Route(_r1, "100/32", "14", ":ff::1/128", ":3::2", "replace");
        _lab.Route(_dst, "0/24", "17", "::/48", ":4::1", "replace");
        await r.RunAsync();

        Assert.Equal([$"{_p}.2", $"{_p}.14", target], Addresses(r, "trace.path"));
        Assert.Single(r.Sink.Events(), e => e.Name == "trace.path_change");
        Assert.Equal([$"{_p}.2", $"{_p}.6", target], Addresses(r, "trace.path_change", "old"));
        Assert.Equal([$"{_p}.2", $"{_p}.14", target], Addresses(r, "trace.path_change", "new"));
    }

    [Fact]
    public async Task CollectAsync_RouterWithoutRoute_FailureNamesHopAndPathEndsThere()
    {
        var target = $"{_p}.200";
        var r = Start(("target", target), ("max_hops", "8"), ("probe_timeout", "0.5"));
        await r.RunAsync();

        Assert.Equal(0, r.Value("trace.success"));
        Assert.Equal([$"{_p}.2"], Addresses(r, "trace.path"));
        var failure = r.Sink.Events().Single(e => e.Name == "trace.failure").Json;
        Assert.Contains($"destination unreachable (network) from {_p}.2 at hop 1", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectAsync_RouterDropsItsFirstThreeAnswers_SilentHopRetriedAndPresent()
    {
        // r2 says nothing to the first three probes that expire there: every query of hop 2 in the first pass.
        NetLab.Exec(_r2, "nft", "add table ip mute; add chain ip mute out { type filter hook output priority 0; }; add rule ip mute out icmp type time-exceeded numgen inc mod 1000 < 3 drop");
        var target = $"{_p}.100";
        var r = Start(("target", target), ("max_hops", "8"), ("probe_timeout", "0.5"));
        await r.RunAsync();

        Assert.Equal([$"{_p}.2", $"{_p}.6", target], Addresses(r, "trace.path"));
        Assert.Equal(1, r.Value("trace.success"));
    }

    [Fact]
    public async Task CollectAsync_HopsSilentForOneRun_NoPathChangeAndLaterChangeShowsFullOldPath()
    {
        var target = $"{_p}.100";
        var r = Start(("target", target), ("max_hops", "8"), ("probe_timeout", "0.3"));
        await r.RunAsync();

        // A run in which hop 2 and the destination never answer (first pass and retries): holes, not a route change.
        NetLab.Exec(_r2, "nft", "add table ip mute; add chain ip mute out { type filter hook output priority 0; }; add rule ip mute out icmp type time-exceeded drop");
        NetLab.Exec(_dst, "nft", "add table ip mute; add chain ip mute out { type filter hook output priority 0; }; add rule ip mute out icmp type destination-unreachable drop");
        await r.RunAsync();
        Assert.Equal([$"{_p}.2"], Addresses(r, "trace.path"));
        Assert.DoesNotContain(r.Sink.Events(), e => e.Name == "trace.path_change");
        NetLab.Exec(_r2, "nft", "delete table ip mute");
        NetLab.Exec(_dst, "nft", "delete table ip mute");
        await r.RunAsync();
        Assert.Equal([$"{_p}.2", $"{_p}.6", target], Addresses(r, "trace.path"));
        Assert.DoesNotContain(r.Sink.Events(), e => e.Name == "trace.path_change");

        // A real change afterwards compares against the whole path, never the one with the hole.
        _lab.Route(_r1, "100/32", "14", ":ff::1/128", ":3::2", "replace");
        _lab.Route(_dst, "0/24", "17", "::/48", ":4::1", "replace");
        await r.RunAsync();
        Assert.Single(r.Sink.Events(), e => e.Name == "trace.path_change");
        Assert.Equal([$"{_p}.2", $"{_p}.6", target], Addresses(r, "trace.path_change", "old"));
    }
}
