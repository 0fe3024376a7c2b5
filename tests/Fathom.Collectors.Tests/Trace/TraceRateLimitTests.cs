using System.Text.Json;
using Fathom.Collectors.Tests.Net;
using Fathom.Collectors.Tests.Support;
using Fathom.Collectors.Trace;
using Fathom.TestSupport;

namespace Fathom.Collectors.Tests.Trace;

/// <summary>
/// trace through routers that keep the kernel's default ICMP rate limits (a burst of 6 errors per
/// destination, then one a second for IPv4; four a second towards a /64 for IPv6):
/// root — r1 — r2 — dst.
/// </summary>
public sealed class TraceRateLimitTests : IDisposable
{
    private readonly NetLab _lab = new();
    private readonly string _p;
    private readonly string _q;

    public TraceRateLimitTests()
    {
        try
        {
            (_p, _q) = (_lab.V4, _lab.V6);
            var r1 = _lab.Namespace("r1", icmpRateLimit: true);
            var r2 = _lab.Namespace("r2", icmpRateLimit: true);
            var dst = _lab.Namespace("d", icmpRateLimit: true);
            _lab.Wire(null, r1, "0", 0, 0);
            _lab.Wire(r1, r2, "1", 4, 1);
            _lab.Wire(r2, dst, "2", 8, 2);
            NetLab.Exec(dst, "ip", "addr", "add", $"{_p}.100/32", "dev", "lo");
            NetLab.Exec(dst, "ip", "addr", "add", $"{_q}:ff::1/128", "dev", "lo");
            NetLab.Run("ip", "route", "add", $"{_p}.0/24", "via", $"{_p}.2");
            NetLab.Run("ip", "-6", "route", "add", $"{_q}::/48", "via", $"{_q}:0::2");
            _lab.Route(r1, "100/32", "6", ":ff::1/128", ":1::2");
            _lab.Route(r2, "100/32", "10", ":ff::1/128", ":2::2");
            _lab.Route(r2, "0/24", "5", "::/48", ":1::1");
            _lab.Route(dst, "0/24", "9", "::/48", ":2::1");
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

    private static List<string?> LastPath(Runner r)
    {
        using var doc = JsonDocument.Parse(r.Sink.Events().Last(e => e.Name == "trace.path").Json);
        return [.. doc.RootElement.GetProperty("hops").EnumerateArray().Select(h => h.GetProperty("address").GetString())];
    }

    [Theory]
    [InlineData("udp", false)]
    [InlineData("icmp", false)]
    [InlineData("udp", true)]
    public async Task CollectAsync_TwoCollectorsAtOnce_EveryHopOnEveryRun(string protocol, bool v6)
    {
        var target = v6 ? $"{_q}:ff::1" : $"{_p}.100";
        string[] expected = v6 ? [$"{_q}::2", $"{_q}:1::2", target] : [$"{_p}.2", $"{_p}.6", target];
        var a = Start(("target", target), ("protocol", protocol), ("max_hops", "8"), ("probe_timeout", "0.5"));
        var b = Start(("target", target), ("protocol", protocol), ("max_hops", "8"), ("probe_timeout", "0.5"));
        // The second round starts 2 s after the first, on budgets the first emptied (6 answers for
        // two collectors' 3 queries, then one a second): its silent hops are found by the retries.
        for (var round = 0; round < 2; round++)
        {
            if (round > 0)
            {
                // The schedule's gap between runs (what refills the budgets), not a synchronisation.
                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            await Task.WhenAll(a.RunAsync(), b.RunAsync());
            Assert.True(expected.SequenceEqual(LastPath(a)), $"round {round}, first collector: {a.Sink.Events().Last(e => e.Name == "trace.path").Json}");
            Assert.True(expected.SequenceEqual(LastPath(b)), $"round {round}, second collector: {b.Sink.Events().Last(e => e.Name == "trace.path").Json}");
        }

        Assert.DoesNotContain(a.Sink.Events().Concat(b.Sink.Events()), e => e.Name == "trace.path_change");
    }
}
