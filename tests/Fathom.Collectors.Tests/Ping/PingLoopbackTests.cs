using System.Diagnostics;
using Fathom.Collectors.Ping;
using Fathom.Collectors.Tests.Support;
using Fathom.Core.Configuration;
using Fathom.TestSupport;

namespace Fathom.Collectors.Tests.Ping;

/// <summary>The ping collector against this host's loopback addresses, through real ICMP sockets.</summary>
public sealed class PingLoopbackTests
{
    internal static Runner Start(params (string Key, string Value)[] settings)
    {
        var collector = new PingCollector();
        collector.Init(TestConfig.Collector("ping", "/tmp", settings));
        return new Runner(collector, TimeProvider.System);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task CollectAsync_Loopback_EveryProbeAnsweredWithOrderedRtts(string target)
    {
        var r = Start(("target", target), ("count", "4"), ("interval", "0.02"));
        await r.RunAsync();

        Assert.Equal(4, r.Value("ping.sent", "target", target));
        Assert.Equal(4, r.Value("ping.received", "target", target));
        Assert.Equal(0, r.Value("ping.loss", "target", target));
        Assert.Equal(1, r.Value("ping.success", "target", target));
        var (min, avg, max) = (r.Value("ping.rtt.min"), r.Value("ping.rtt.avg"), r.Value("ping.rtt.max"));
        Assert.True(min > 0 && min <= avg && avg <= max && max < 50, $"min {min} avg {avg} max {max}");
        Assert.InRange(r.Value("ping.rtt.mdev"), 0, max - min);
        // Three intervals from the first probe to the last reply (timers may fire a fraction of a millisecond early).
        Assert.InRange(r.Value("ping.duration"), 57, 5000);
        Assert.Equal(0, r.Context.Problems);
        Assert.Empty(r.Sink.Events());
    }

    [Fact]
    public async Task CollectAsync_BothFamiliesAndName_AllTargetsTaggedSeparately()
    {
        var r = Start(("target", "127.0.0.1"), ("target", "::1"), ("target", "localhost"), ("count", "2"), ("interval", "0.02"));
        await r.RunAsync();

        foreach (var t in new[] { "127.0.0.1", "::1", "localhost" })
        {
            Assert.Equal(2, r.Value("ping.received", "target", t));
            Assert.Single(r.Sink.Samples("ping.success"), s => s.Series.Tag("target") == t);
        }

        Assert.All(r.Sink.Samples(), s => Assert.Equal("test", s.Series.Tag("collector")));
    }

    [Fact]
    public async Task CollectAsync_UnresolvableName_SuccessZeroAndReasonEvent()
    {
        var r = Start(("target", "no-such-host.invalid"), ("target", "127.0.0.1"), ("count", "1"));
        await r.RunAsync();

        Assert.Equal(0, r.Value("ping.success", "target", "no-such-host.invalid"));
        Assert.Equal(1, r.Value("ping.success", "target", "127.0.0.1"));
        var failure = Assert.Single(r.Sink.Events());
        Assert.Equal("ping.failure", failure.Name);
        Assert.Contains("cannot resolve no-such-host.invalid", failure.Json, StringComparison.Ordinal);
        Assert.Equal(1, r.Context.Problems);
    }

    [Fact]
    public async Task CollectAsync_TwoRunsTwoCollectors_SharedEndpointNoCrossTalk()
    {
        var a = Start(("target", "127.0.0.1"), ("count", "20"), ("interval", "0.01"));
        var b = Start(("target", "127.0.0.1"), ("target", "::1"), ("count", "20"), ("interval", "0.01"));
        await Task.WhenAll(a.RunAsync(), b.RunAsync());

        Assert.Equal(20, a.Value("ping.received"));
        Assert.Equal(20, b.Value("ping.received", "target", "127.0.0.1"));
        Assert.Equal(20, b.Value("ping.received", "target", "::1"));
        Assert.True(PingEndpoints.Count >= 1);
    }

    [Fact]
    public async Task CollectAsync_SecondRun_CountedAfresh()
    {
        var r = Start(("target", "127.0.0.1"), ("target", "::1"), ("count", "3"), ("interval", "0.01"));
        await r.RunAsync();
        await r.RunAsync();

        Assert.Equal(4, r.Sink.Samples("ping.sent").Count());
        Assert.All(r.Sink.Samples("ping.sent"), s => Assert.Equal(3, s.Value));
        Assert.All(r.Sink.Samples("ping.received"), s => Assert.Equal(3, s.Value));
        Assert.Equal(0, r.Context.Problems);
    }

    [Fact]
    public async Task CollectAsync_CancelledMidRun_ReturnsPromptlyWithWhatCameBack()
    {
        var r = Start(("target", "127.0.0.1"), ("count", "100"), ("interval", "0.02"), ("probe_timeout", "5"));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        await r.Collector.CollectAsync(r.Context, cts.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        // 100 probes 20 ms apart would take two seconds; the run stops sending when cancelled.
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(1500), $"took {clock.Elapsed}");
        var sent = r.Value("ping.sent");
        Assert.InRange(sent, 1, 99);
        Assert.Equal(sent, r.Value("ping.received"));
        Assert.Equal(1, r.Value("ping.success"));
    }

    [Fact]
    public void Init_NoTarget_ConfigErrorNamingBlock()
    {
        var e = Assert.Throws<ConfigException>(() => Start(("count", "3")));
        Assert.Contains("needs 'target'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("interval", "0.001", "at least 0.01 s")]
    [InlineData("count", "0", "between 1 and")]
    [InlineData("ttl", "256", "between 1 and 255")]
    [InlineData("probe_timeout", "0", "must be at least 10 ms")]
    [InlineData("probe_timeout", "5ms", "must be at least 10 ms")]
    [InlineData("count", "100", "does not fit in the collector's timeout")]
    public void Init_BadValue_ErrorWithFileAndLine(string key, string value, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => Start(("target", "127.0.0.1"), (key, value)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("test.conf:3", e.Message, StringComparison.Ordinal);
    }
}
