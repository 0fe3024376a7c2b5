using System.Globalization;
using System.Text.RegularExpressions;
using Fathom.Collectors.Tests.Net;

namespace Fathom.Collectors.Tests.Ping;

/// <summary>
/// The ping collector in the root namespace against a peer namespace over a veth pair: loss
/// made by nftables on the peer, ICMP errors from a router without a route, RTTs next to iputils ping.
/// </summary>
public sealed partial class PingLabTests : IDisposable
{
    private readonly NetLab _lab = new();
    private readonly string _peer;
    private readonly string _peer4;
    private readonly string _peer6;

    public PingLabTests()
    {
        try
        {
            _peer = _lab.Namespace("p");
            var (root, peer) = _lab.Link(null, _peer, "p");
            NetLab.Run("ip", "addr", "add", $"{_lab.V4}.1/30", "dev", root);
            NetLab.Exec(_peer, "ip", "addr", "add", $"{_lab.V4}.2/30", "dev", peer);
            NetLab.Run("ip", "addr", "add", $"{_lab.V6}:1::1/64", "dev", root, "nodad");
            NetLab.Exec(_peer, "ip", "addr", "add", $"{_lab.V6}:1::2/64", "dev", peer, "nodad");

            // Beyond the peer: routed to it, but it has no route onwards, so it answers with ICMP errors.
            NetLab.Run("ip", "route", "add", $"{_lab.V4}.128/25", "via", $"{_lab.V4}.2");
            NetLab.Run("ip", "-6", "route", "add", $"{_lab.V6}:99::/64", "via", $"{_lab.V6}:1::2");
            _peer4 = $"{_lab.V4}.2";
            _peer6 = $"{_lab.V6}:1::2";
        }
        catch
        {
            _lab.Dispose();
            throw;
        }
    }

    public void Dispose() => _lab.Dispose();

    [Fact]
    public async Task CollectAsync_PeerDrops30PercentOfRequests_LossWithinBinomialBounds()
    {
        NetLab.Exec(_peer, "nft", "add table inet loss; add chain inet loss in { type filter hook input priority 0; }; add rule inet loss in icmp type echo-request numgen random mod 10 < 3 drop");
        var r = PingLoopbackTests.Start(("target", _peer4), ("count", "200"), ("interval", "0.01"), ("probe_timeout", "0.5"));
        await r.RunAsync();

        // 200 probes at p = 0.3: σ = sqrt(p(1-p)/n) = 3.24 %; accept ±4.5σ.
        var sigma = Math.Sqrt(0.3 * 0.7 / 200) * 100;
        var loss = r.Value("ping.loss");
        Assert.InRange(loss, 30 - (4.5 * sigma), 30 + (4.5 * sigma));
        Assert.Equal(200, r.Value("ping.sent"));
        Assert.Equal(200 - (loss * 2), r.Value("ping.received"), 6);
        Assert.Equal(1, r.Value("ping.success"));
    }

    [Fact]
    public async Task CollectAsync_PeerDropsEverything_SuccessZeroFullLoss()
    {
        NetLab.Exec(_peer, "nft", "add table inet loss; add chain inet loss in { type filter hook input priority 0; }; add rule inet loss in icmp type echo-request drop");
        var r = PingLoopbackTests.Start(("target", _peer4), ("count", "3"), ("interval", "0.05"), ("probe_timeout", "0.3"));
        await r.RunAsync();

        Assert.Equal(100, r.Value("ping.loss"));
        Assert.Equal(0, r.Value("ping.success"));
        Assert.Empty(r.Sink.Samples("ping.rtt.avg"));
        Assert.Contains("no reply to 3 probes (100% loss)", Assert.Single(r.Sink.Events()).Json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "destination unreachable (network)")]
    [InlineData(true, "destination unreachable (no route)")]
    public async Task CollectAsync_RouterHasNoRoute_UnreachableReasonNamesRouter(bool v6, string reason)
    {
        var target = v6 ? $"{_lab.V6}:99::1" : $"{_lab.V4}.200";
        var r = PingLoopbackTests.Start(("target", target), ("target", v6 ? _peer6 : _peer4), ("count", "2"), ("interval", "0.05"));
        await r.RunAsync();

        Assert.Equal(0, r.Value("ping.success", "target", target));
        Assert.Equal(1, r.Value("ping.success", "target", v6 ? _peer6 : _peer4));
        var json = Assert.Single(r.Sink.Events()).Json;
        Assert.Contains($"{reason} from {(v6 ? _peer6 : _peer4)} (2 of 2 probes)", json, StringComparison.Ordinal);
        Assert.InRange(r.Value("ping.duration", "target", target), 0, 900);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CollectAsync_SamePathAsIputilsPing_MedianRttsAgree(bool v6)
    {
        var target = v6 ? _peer6 : _peer4;
        var ours = new List<double>();
        var theirs = new List<double>();
        for (var round = 0; round < 5; round++)
        {
            var r = PingLoopbackTests.Start(("target", target), ("count", "10"), ("interval", "0.01"));
            await r.RunAsync();
            ours.Add(r.Value("ping.rtt.avg"));
            var output = NetLab.Run("ping", v6 ? "-6" : "-4", "-n", "-q", "-c", "10", "-i", "0.01", target);
            var m = Summary().Match(output);
            Assert.True(m.Success, output);
            theirs.Add(double.Parse(m.Groups["avg"].Value, CultureInfo.InvariantCulture));
        }

        var (a, b) = (Median(ours), Median(theirs));
        Assert.True(Math.Abs(a - b) <= 0.1 + (0.5 * b), $"median of averages: ours {a:0.000} ms, iputils {b:0.000} ms");
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    [GeneratedRegex(@"= (?<min>[\d.]+)/(?<avg>[\d.]+)/(?<max>[\d.]+)/(?<mdev>[\d.]+) ms")]
    private static partial Regex Summary();
}
