using System.Text.Json;
using Fathom.Collectors.Dns;
using Fathom.Collectors.Tests.Support;

namespace Fathom.Collectors.Tests.Dns;

/// <summary>The dns collector against a real dnsmasq on 127.0.0.1.</summary>
public sealed class DnsLiveTests(DnsmasqFixture dnsmasq) : IClassFixture<DnsmasqFixture>
{
    private Runner Start(params (string Key, string Value)[] settings)
    {
        var collector = new DnsCollector();
        collector.Init(Fathom.TestSupport.TestConfig.Collector("dns", "/tmp", [("server", dnsmasq.Server), .. settings]));
        return new Runner(collector, TimeProvider.System);
    }

    private static List<JsonElement> Answers(Runner r) =>
        [.. JsonDocument.Parse(Assert.Single(r.Sink.Events(), e => e.Name == "dns.answer").Json).RootElement.EnumerateArray()];

    [Fact]
    public async Task CollectAsync_ARecord_SuccessWithSeriesTagsAndAnswerEvent()
    {
        var r = Start(("name", "a.test"));
        await r.RunAsync();

        Assert.Equal(1, r.Value("dns.success"));
        Assert.Equal(0, r.Value("dns.rcode"));
        Assert.Equal(1, r.Value("dns.answers"));
        Assert.Equal(0, r.Value("dns.tcp"));
        Assert.True(r.Value("dns.query_time") > 0);
        Assert.True(r.Value("dns.duration") >= r.Value("dns.query_time"));
        var rcode = Assert.Single(r.Sink.Samples("dns.rcode")).Series;
        Assert.Equal([new("collector", "test"), new("name", "a.test"), new("target", dnsmasq.Server), new("type", "A")], rcode.Tags);
        var answer = Assert.Single(Answers(r));
        Assert.Equal("a.test.", answer.GetProperty("name").GetString());
        Assert.Equal("A", answer.GetProperty("type").GetString());
        Assert.Equal("198.18.0.1", answer.GetProperty("data").GetString());
        Assert.True(answer.TryGetProperty("ttl", out _));
        Assert.Equal(0, r.Context.Problems);
    }

    [Theory]
    [InlineData("h.test", "AAAA", "2001:db8::2")]
    [InlineData("m.test", "MX", "10 mail.m.test.")]
    [InlineData("t.test", "TXT", "\"hello world\" \"second\"")]
    [InlineData("198.18.0.2", "PTR", "h.test.")]
    public async Task CollectAsync_RecordTypes_DataInPresentationForm(string name, string type, string data)
    {
        var r = Start(("name", name), ("type", type));
        await r.RunAsync();

        Assert.Equal(1, r.Value("dns.success"));
        Assert.Equal(data, Assert.Single(Answers(r)).GetProperty("data").GetString());
    }

    [Fact]
    public async Task CollectAsync_Cname_AliasAndTargetRecords()
    {
        var r = Start(("name", "c.test"));
        await r.RunAsync();

        var answers = Answers(r);
        Assert.Equal(2, r.Value("dns.answers"));
        Assert.Contains(answers, a => a.GetProperty("type").GetString() == "CNAME" && a.GetProperty("data").GetString() == "h.test.");
        Assert.Contains(answers, a => a.GetProperty("name").GetString() == "h.test." && a.GetProperty("data").GetString() == "198.18.0.2");
    }

    [Fact]
    public async Task CollectAsync_NxdomainExpected_Success()
    {
        var r = Start(("name", "missing.test"), ("expect_rcode", "NXDOMAIN"));
        await r.RunAsync();

        Assert.Equal(1, r.Value("dns.success"));
        Assert.Equal(3, r.Value("dns.rcode"));
        Assert.Equal(0, r.Value("dns.answers"));
        Assert.Empty(Answers(r));
    }

    [Fact]
    public async Task CollectAsync_NxdomainNotExpected_FailureWithReason()
    {
        var r = Start(("name", "missing.test"));
        await r.RunAsync();

        Assert.Equal(0, r.Value("dns.success"));
        Assert.Equal(3, r.Value("dns.rcode"));
        var failure = Assert.Single(r.Sink.Events(), e => e.Name == "dns.failure");
        Assert.Contains("rcode NXDOMAIN, expected NOERROR", failure.Json, StringComparison.Ordinal);
        Assert.Equal(1, r.Context.Problems);
    }

    [Theory]
    [InlineData("a.test")]
    [InlineData("a.test.")]
    public async Task CollectAsync_AnyName_EverySeriesAndEventTaggedNameWithoutDotAndType(string name)
    {
        var r = Start(("name", name), ("server", $"127.0.0.1:{LocalServer.FreePort()}"));
        await r.RunAsync();

        // What users type in 'fathom query --tag name=a.test' finds every series of the probe, outcome included.
        string[] names = ["dns.success", "dns.duration", "dns.query_time", "dns.rcode", "dns.answers", "dns.tcp"];
        Assert.All(names, n => Assert.NotEmpty(r.Sink.Samples(n)));
        Assert.All(r.Sink.Samples(), s => Assert.Equal(("a.test", "A"), (s.Series.Tag("name"), s.Series.Tag("type"))));
        var failure = Assert.Single(r.Sink.Events(), e => e.Name == "dns.failure");
        Assert.Contains(new KeyValuePair<string, string>("name", "a.test"), failure.Tags);
        Assert.Contains(new KeyValuePair<string, string>("type", "A"), failure.Tags);
        Assert.Contains(new KeyValuePair<string, string>("name", "a.test"), Assert.Single(r.Sink.Events(), e => e.Name == "dns.answer").Tags);
    }

    [Fact]
    public async Task CollectAsync_LargeTxtTruncatedOverUdp_RetriedOverTcp()
    {
        var r = Start(("name", "big.test"), ("type", "TXT"));
        await r.RunAsync();

        Assert.Equal(1, r.Value("dns.success"));
        Assert.Equal(1, r.Value("dns.tcp"));
        Assert.Equal(3, r.Value("dns.answers"));
        var data = Answers(r).Select(a => a.GetProperty("data").GetString()).Order().ToList();
        Assert.Equal(DnsmasqFixture.BigTxt.Select(t => $"\"{t}\""), data);
    }

    [Fact]
    public async Task CollectAsync_TcpForced_AnsweredOverTcp()
    {
        var r = Start(("name", "a.test"), ("tcp", "yes"), ("recursion", "no"));
        await r.RunAsync();

        Assert.Equal(1, r.Value("dns.success"));
        Assert.Equal(1, r.Value("dns.tcp"));
    }

    [Fact]
    public async Task CollectAsync_SameAnswersTwice_OneAnswerEvent()
    {
        var r = Start(("name", "a.test"));
        await r.RunAsync();
        await r.RunAsync();

        Assert.Equal(2, r.Sink.Samples("dns.success").Count);
        Assert.Single(r.Sink.Events(), e => e.Name == "dns.answer");
    }

    [Fact]
    public async Task CollectAsync_SecondServerRefuses_EachTargetHasItsOwnOutcome()
    {
        var dead = $"127.0.0.1:{LocalServer.FreePort()}";
        var r = Start(("name", "a.test"), ("server", dead));
        await r.RunAsync();

        Assert.Equal(1, r.Value("dns.success", "target", dnsmasq.Server));
        Assert.Equal(0, r.Value("dns.success", "target", dead));
        Assert.Equal(2, r.Sink.Samples("dns.duration").Count);
        var failure = Assert.Single(r.Sink.Events(), e => e.Name == "dns.failure");
        Assert.Contains("refused", failure.Json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(r.Sink.Samples("dns.rcode"), s => s.Series.Tag("target") == dead);
    }
}
