using Fathom.Collectors.Snmp;
using Fathom.Collectors.Tests.Net;
using Fathom.Collectors.Tests.Support;

namespace Fathom.Collectors.Tests.Snmp;

/// <summary>
/// A real snmpd in a network namespace whose interfaces the test changes: an interface deleted and
/// created again (its name moves to a new ifIndex), and the agent restarted. (Renaming does not
/// serve: net-snmp 5.9 keeps the old ifName at the index, only ifDescr follows the rename.)
/// </summary>
public sealed class SnmpNamespaceTests : IDisposable
{
    private readonly NetLab _lab = new();
    private readonly string _ns;
    private readonly NamespaceAgent _agent;

    public SnmpNamespaceTests()
    {
        _ns = _lab.Namespace("snmp");
        _lab.Wire(null, _ns, "s", 0, 0);
        NetLab.Exec(_ns, "ip", "link", "add", "fx0", "type", "bridge");
        _agent = new NamespaceAgent(_ns, $"{_lab.V4}.2", $"{_lab.V4}.0/24");
    }

    public void Dispose()
    {
        _agent.Dispose();
        _lab.Dispose();
    }

    private Runner Start() =>
        Runner.Init(new SnmpCollector(), "/tmp", ("address", _agent.Address), ("community", "public"), ("interface", "fx0"), ("oid", "uptime 1.3.6.1.2.1.1.3.0 count"));

    private string NsIfIndex(string name) => NetLab.Exec(_ns, "cat", $"/sys/class/net/{name}/ifindex").Trim();

    [Fact]
    public async Task CollectAsync_NameMovesToAnotherIndex_FoundAgainUnderItsNewIndex()
    {
        await _agent.StartAsync();
        var r = Start();
        var before = NsIfIndex("fx0");
        await r.RunAsync();
        Assert.Equal(before, r.Sink.Samples("snmp.if.oper_status")[^1].Series.Tag("ifindex"));

        NetLab.Exec(_ns, "ip", "link", "del", "fx0");
        NetLab.Exec(_ns, "ip", "link", "add", "fx0", "type", "bridge");
        var after = NsIfIndex("fx0");
        Assert.NotEqual(before, after);

        // snmpd refreshes its interface table from its cache every few seconds: poll until it shows.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (r.Sink.Samples("snmp.if.oper_status")[^1].Series.Tag("ifindex") != after && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            await r.RunAsync();
        }

        var last = r.Sink.Samples("snmp.if.oper_status")[^1].Series;
        Assert.True(last.Tag("ifindex") == after, $"still at {last.Tag("ifindex")}, not {after}: {string.Join(" | ", r.Logger.Entries.TakeLast(6).Select(e => e.Message))}");
        Assert.Equal("fx0", last.Tag("interface"));
        Assert.Contains(r.Logger.Entries, e => e.Message.Contains($"ifIndex {before}", StringComparison.Ordinal) && e.Message.Contains("finding it again", StringComparison.Ordinal));
        Assert.All(r.Sink.Samples("snmp.if.in_octets"), s => Assert.True(s.Series.Tag("ifindex") is var i && (i == before || i == after)));
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public async Task CollectAsync_AgentRestarted_NoRateForThatPollThenRatesAgain()
    {
        await _agent.StartAsync();
        var r = Start();
        await r.RunAsync();
        // Old enough that the restarted agent's sysUpTime is surely lower at the next poll.
        await UpTimeAtLeastAsync(400);
        await r.RunAsync();
        Assert.Single(r.Sink.Samples("snmp.if.in_octets.rate"));

        await _agent.StopAsync();
        await _agent.StartAsync();
        await r.RunAsync();
        var ticks = r.Sink.Samples("snmp.uptime").Select(s => s.Value).ToList();
        Assert.True(ticks[2] < ticks[1], $"sysUpTime did not go back: {string.Join(", ", ticks)}");
        Assert.Equal(3, r.Sink.Samples("snmp.if.in_octets").Count);
        Assert.Single(r.Sink.Samples("snmp.if.in_octets.rate"));

        await UpTimeMovedAsync();
        await r.RunAsync();
        Assert.Equal(2, r.Sink.Samples("snmp.if.in_octets.rate").Count);
    }

    private async Task UpTimeAtLeastAsync(long ticks)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (_agent.UpTime() < ticks && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    private async Task UpTimeMovedAsync()
    {
        var first = _agent.UpTime();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (_agent.UpTime() == first && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }
}
