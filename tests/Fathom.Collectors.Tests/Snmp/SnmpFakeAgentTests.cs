using System.Globalization;
using Fathom.Collectors.Common.Snmp;
using Fathom.Collectors.Snmp;
using Fathom.Collectors.Tests.Support;

namespace Fathom.Collectors.Tests.Snmp;

/// <summary>An agent without ifXTable (names from ifDescr, 32-bit counters, ifSpeed), a Counter32 wrap, and tooBig.</summary>
public sealed class SnmpFakeAgentTests : IDisposable
{
    private const string IfTable = "1.3.6.1.2.1.2.2.1";
    private readonly FakeAgent _agent = new();

    public SnmpFakeAgentTests()
    {
        _agent.Set("1.3.6.1.2.1.1.3.0", SnmpValue.TimeTicks(1000));
        foreach (var (index, name) in new[] { (1u, "lo"), (2u, "Intel 82540EM") })
        {
            Column(2, index, SnmpValue.OctetString(name));
            Column(5, index, SnmpValue.Gauge32(100_000_000));
            Column(7, index, SnmpValue.Integer(1));
            Column(8, index, SnmpValue.Integer(2));
            Column(10, index, SnmpValue.Counter32(4_294_967_000));
            Column(13, index, SnmpValue.Counter32(3));
            Column(14, index, SnmpValue.Counter32(4));
            Column(16, index, SnmpValue.Counter32(500));
            Column(19, index, SnmpValue.Counter32(5));
            Column(20, index, SnmpValue.Counter32(6));
        }
    }

    public void Dispose() => _agent.Dispose();

    private void Column(int column, uint index, SnmpValue value) =>
        _agent.Set($"{IfTable}.{column}.{index}", value);

    private Runner Start(string spec) =>
        Runner.Init(new SnmpCollector(), "/tmp", ("address", "127.0.0.1"), ("port", _agent.Port.ToString(CultureInfo.InvariantCulture)), ("community", "public"), ("interface", spec));

    [Fact]
    public async Task CollectAsync_NoIfXTable_NamedByIfDescrWith32BitCountersAndAWrapRate()
    {
        var r = Start("Intel 82540EM");
        await r.RunAsync();

        var series = r.Sink.Samples("snmp.if.in_octets")[0].Series;
        Assert.Equal(("Intel 82540EM", "2"), (series.Tag("interface"), series.Tag("ifindex")));
        Assert.Equal(4_294_967_000.0, r.Value("snmp.if.in_octets"));
        Assert.Equal(100_000_000.0, r.Value("snmp.if.speed"));
        Assert.Equal(2.0, r.Value("snmp.if.oper_status"));

        // 10 s later (by sysUpTime) the 32-bit counter has wrapped: 296 up to 2^32, then 704.
        _agent.Set("1.3.6.1.2.1.1.3.0", SnmpValue.TimeTicks(2000));
        Column(10, 2, SnmpValue.Counter32(704));
        Column(16, 2, SnmpValue.Counter32(1500));
        await r.RunAsync();

        Assert.Equal(1000 * 8 / 10.0, r.Value("snmp.if.in_octets.rate"));
        Assert.Equal(1000 * 8 / 10.0, r.Value("snmp.if.out_octets.rate"));
        Assert.Equal(0.0, r.Value("snmp.if.in_errors.rate"));
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public async Task CollectAsync_AgentSaysTooBig_GetHalvedUntilItFits()
    {
        _agent.MaxGetVarBinds = 4;
        var r = Start("lo");
        await r.RunAsync();
        var gets = _agent.Gets;
        await r.RunAsync();

        Assert.True(_agent.TooBigs > 0);
        Assert.True(_agent.Gets - gets > 3, $"{_agent.Gets - gets} GETs for one poll");
        Assert.Equal([4_294_967_000.0, 4_294_967_000.0], r.Sink.Samples("snmp.if.in_octets").Select(s => s.Value));
        Assert.Equal(6.0, r.Value("snmp.if.out_errors"));
        Assert.Equal(100_000_000.0, r.Value("snmp.if.speed"));
    }
}
