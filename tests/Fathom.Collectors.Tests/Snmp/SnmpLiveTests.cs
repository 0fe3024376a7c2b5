using System.Globalization;
using System.Text;
using Fathom.Collectors.Common.Snmp;
using Fathom.Collectors.Snmp;
using Fathom.Collectors.Tests.Support;
using Fathom.Core.Collectors;
using Fathom.Core.Measurements;
using Fathom.TestSupport;
using Fathom.TestSupport.Snmp;

namespace Fathom.Collectors.Tests.Snmp;

/// <summary>The snmp collector against a real snmpd on 127.0.0.1, cross-checked with net-snmp's own tools.</summary>
public sealed class SnmpLiveTests(SnmpdFixture snmpd) : IClassFixture<SnmpdFixture>
{
    private const string UpTime = "1.3.6.1.2.1.1.3.0";
    private const string Processes = "1.3.6.1.2.1.25.1.6.0";

    private SnmpdServer Agent => snmpd.Server;

    private Runner Start(params (string Key, string Value)[] settings) =>
        Runner.Init(new SnmpCollector(), "/tmp", [("address", "127.0.0.1"), ("port", Agent.Port.ToString(CultureInfo.InvariantCulture)), ("community", "public"), .. settings]);

    private async Task<Dictionary<string, SnmpToolVarBind>> GetAsync(params string[] oids) =>
        (await SnmpTools.GetAsync(Agent.Port, Agent.Community, oids)).ToDictionary(v => v.Oid);

    private static string[] LoColumns(uint index) =>
    [
        .. new[] { IfOids.IfHCInOctets, IfOids.IfHCOutOctets, IfOids.IfInErrors, IfOids.IfOutErrors, IfOids.IfInDiscards, IfOids.IfOutDiscards, IfOids.IfOperStatus, IfOids.IfAdminStatus, IfOids.IfHighSpeed }
            .Select(c => c.Append(index).ToString()),
    ];

    [Fact]
    public async Task CollectAsync_InterfaceLo_ValuesEqualSnmpgetBracketingThePoll()
    {
        var r = Start(("interface", "lo"));
        var before = await GetAsync(LoColumns(1));
        await r.RunAsync();
        var after = await GetAsync(LoColumns(1));

        var names = new[] { "in_octets", "out_octets", "in_errors", "out_errors", "in_discards", "out_discards" };
        var columns = LoColumns(1);
        for (var i = 0; i < names.Length; i++)
        {
            var got = r.Value("snmp.if." + names[i], "interface", "lo");
            var (low, high) = (double.Parse(before[columns[i]].Value, CultureInfo.InvariantCulture), double.Parse(after[columns[i]].Value, CultureInfo.InvariantCulture));
            Assert.True(low <= got && got <= high, $"{names[i]}: {got} not within snmpget's {low}..{high}");
        }

        Assert.Equal(double.Parse(after[columns[6]].Value, CultureInfo.InvariantCulture), r.Value("snmp.if.oper_status"));
        Assert.Equal(double.Parse(after[columns[7]].Value, CultureInfo.InvariantCulture), r.Value("snmp.if.admin_status"));
        Assert.Equal(double.Parse(after[columns[8]].Value, CultureInfo.InvariantCulture) * 1e6, r.Value("snmp.if.speed"));
        var series = r.Sink.Samples("snmp.if.in_octets")[0].Series;
        Assert.Equal(("lo", "1", "127.0.0.1", "test"), (series.Tag("interface"), series.Tag("ifindex"), series.Tag("address"), series.Tag("collector")));
        Assert.Equal(Units.Bytes, series.Unit);
        Assert.Empty(r.Sink.Samples("snmp.if.in_octets.rate")); // one reading: no rate yet
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public async Task CollectAsync_ByIfIndex_NamedByIfName()
    {
        var r = Start(("interface", "1"));
        await r.RunAsync();

        var series = r.Sink.Samples("snmp.if.oper_status")[0].Series;
        Assert.Equal(("lo", "1"), (series.Tag("interface"), series.Tag("ifindex")));
        Assert.Equal(1.0, r.Value("snmp.if.oper_status"));
    }

    [Fact]
    public async Task CollectAsync_TwoPolls_RatesFromTheCountersAndTheAgentsUpTime()
    {
        var r = Start(("interface", "lo"), ("oid", $"uptime {UpTime} count"));
        await r.RunAsync();
        var first = (await GetAsync(UpTime))[UpTime].Value;
        Assert.True(await UntilAsync(async () => (await GetAsync(UpTime))[UpTime].Value != first), "sysUpTime did not move");
        await r.RunAsync();

        var ticks = r.Sink.Samples("snmp.uptime").Select(s => s.Value).ToList();
        var seconds = (ticks[1] - ticks[0]) / 100;
        Assert.True(seconds > 0);
        foreach (var name in new[] { "in_octets", "out_octets", "in_errors" })
        {
            var values = r.Sink.Samples("snmp.if." + name).Select(s => s.Value).ToList();
            var rate = Assert.Single(r.Sink.Samples($"snmp.if.{name}.rate"));
            Assert.Equal((values[1] - values[0]) / seconds * (name.EndsWith("octets", StringComparison.Ordinal) ? 8 : 1), rate.Value, 6);
            Assert.Equal(name.EndsWith("octets", StringComparison.Ordinal) ? Units.BitsPerSecond : Units.CountPerSecond, rate.Series.Unit);
        }
    }

    [Fact]
    public async Task CollectAsync_ExtraOids_EqualSnmpget()
    {
        var r = Start(("oid", $"uptime {UpTime} count"), ("oid", $"host.processes {Processes} count"));
        var before = await GetAsync(UpTime, Processes);
        await r.RunAsync();
        var after = await GetAsync(UpTime, Processes);

        var up = r.Value("snmp.uptime");
        Assert.InRange(up, double.Parse(before[UpTime].Value, CultureInfo.InvariantCulture), double.Parse(after[UpTime].Value, CultureInfo.InvariantCulture));
        // A gauge moves between reads: the collected count lies between (or next to) the two snmpget readings.
        var counts = new[] { before[Processes].Value, after[Processes].Value }.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();
        Assert.InRange(r.Value("snmp.host.processes"), counts.Min() - 5, counts.Max() + 5);
        Assert.Equal("127.0.0.1", r.Sink.Samples("snmp.uptime")[0].Series.Tag("address"));
        Assert.Empty(r.Sink.Samples("snmp.if.in_octets"));
    }

    [Fact]
    public async Task CollectAsync_CheckAllInterfaces_SameInterfacesAsSnmpbulkwalk()
    {
        var r = Start(("check_all_interfaces", "yes"));
        await r.RunAsync();
        await r.RunAsync();

        var walk = await SnmpTools.BulkWalkAsync(Agent.Port, Agent.Community, IfOids.IfName.ToString());
        var expected = walk.Select(v => (Index: v.Oid[(v.Oid.LastIndexOf('.') + 1)..], Name: Encoding.UTF8.GetString(v.Bytes))).OrderBy(x => x.Index).ToList();
        var got = r.Sink.Samples("snmp.if.oper_status").Select(s => (Index: s.Series.Tag("ifindex")!, Name: s.Series.Tag("interface")!)).Distinct().OrderBy(x => x.Index).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, got);
        // The second walk gives rates for every interface.
        Assert.Equal(expected.Count, r.Sink.Samples("snmp.if.in_octets.rate").Count);
    }

    [Fact]
    public async Task CollectAsync_UnknownInterface_ReportedOthersStillPolled()
    {
        var r = Start(("interface", "no-such-if0"), ("interface", "lo"));
        await r.RunAsync();

        Assert.Contains(r.Warnings, w => w.Contains("no interface named 'no-such-if0'", StringComparison.Ordinal));
        Assert.Equal("lo", r.Sink.Samples("snmp.if.oper_status")[0].Series.Tag("interface"));
    }

    [Fact]
    public async Task CollectAsync_WrongCommunity_FailsWithTheClientsReason()
    {
        var c = TestConfig.Collector("snmp", "/tmp", ("address", "127.0.0.1"), ("port", Agent.Port.ToString(CultureInfo.InvariantCulture)),
            ("community", "not-the-one"), ("interface", "lo"), ("retries", "1"));
        var collector = new SnmpCollector();
        collector.Init(new CollectorConfig(c.Id, c.Module, c.Location, c.Settings, c.BaseDirectory) { Timeout = TimeSpan.FromSeconds(1) });
        var r = new Runner(collector);

        // snmpd drops a request of an unknown community: to us that is an agent that does not answer.
        var e = await Assert.ThrowsAsync<SnmpException>(() => r.RunAsync());
        Assert.Equal(SnmpErrorKind.Timeout, e.Kind);
        Assert.Contains("127.0.0.1:" + Agent.Port.ToString(CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-one", e.Message, StringComparison.Ordinal);
        Assert.Empty(r.Sink.Samples());
    }

    private static async Task<bool> UntilAsync(Func<Task<bool>> condition)
    {
        var end = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > end)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
