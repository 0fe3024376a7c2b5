using System.Net;
using System.Net.Sockets;
using Fathom.Collectors.Common.Snmp;
using Fathom.TestSupport.Snmp;

namespace Fathom.Collectors.Tests.Snmp;

/// <summary>Our client against the real net-snmp agent, cross-checked with net-snmp's own tools.</summary>
public sealed class SnmpClientSnmpdTests(SnmpdFixture snmpd) : IClassFixture<SnmpdFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private const string SysDescr = "1.3.6.1.2.1.1.1.0";
    private const string SysUpTime = "1.3.6.1.2.1.1.3.0";
    private const string IfInOctets1 = "1.3.6.1.2.1.2.2.1.10.1";
    private const string IfTable = "1.3.6.1.2.1.2.2";

    [Fact]
    public async Task Get_SysDescrUpTimeAndCounter_EqualSnmpget()
    {
        var before = await Tools(SysDescr, SysUpTime, IfInOctets1);
        var response = await snmpd.Client.GetAsync(snmpd.Agent(), [Oid.Parse(SysDescr), Oid.Parse(SysUpTime), Oid.Parse(IfInOctets1)], CancellationToken.None).WaitAsync(Wait);
        var after = await Tools(SysDescr, SysUpTime, IfInOctets1);

        Assert.Equal(0, response.ErrorStatus);
        Assert.Equal([SysDescr, SysUpTime, IfInOctets1], response.VarBinds.Select(v => v.Oid.ToString()));
        Assert.Equal(SnmpType.OctetString, response.VarBinds[0].Value.Type);
        Assert.Equal(before[0].Bytes, response.VarBinds[0].Value.Bytes.ToArray());
        Assert.Equal(SnmpType.TimeTicks, response.VarBinds[1].Value.Type);
        AssertBetween(before[1].Value, response.VarBinds[1].Value.UInt64, after[1].Value, "sysUpTime");
        Assert.Equal(SnmpType.Counter32, response.VarBinds[2].Value.Type);
        AssertBetween(before[2].Value, response.VarBinds[2].Value.UInt64, after[2].Value, "ifInOctets.1");
    }

    [Fact]
    public async Task Get_SysLocationFromTheExtraConfigLine_IsThatText()
    {
        var response = await snmpd.Client.GetAsync(snmpd.Agent(), [Oid.Parse("1.3.6.1.2.1.1.6.0")], CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(SnmpdFixture.Location, Assert.Single(response.VarBinds).Value.Text);
        Assert.Equal(snmpd.Server.Pid, int.Parse(File.ReadAllText(Path.Combine(snmpd.Server.Folder, "snmpd.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task GetNext_SysDescr_EqualsSnmpgetnext()
    {
        var tool = await SnmpTools.GetNextAsync(snmpd.Server.Port, snmpd.Server.Community, SysDescr);
        var response = await snmpd.Client.GetNextAsync(snmpd.Agent(), [Oid.Parse(SysDescr)], CancellationToken.None).WaitAsync(Wait);

        var varBind = Assert.Single(response.VarBinds);
        Assert.Equal(tool[0].Oid, varBind.Oid.ToString());
        Assert.Equal("OID", tool[0].Type);
        Assert.Equal(tool[0].Value, varBind.Value.Oid.ToString());
    }

    [Fact]
    public async Task Walk_IfTable_EqualsSnmpbulkwalk()
    {
        var before = await SnmpTools.BulkWalkAsync(snmpd.Server.Port, snmpd.Server.Community, IfTable);
        var ours = await snmpd.Client.WalkAsync(snmpd.Agent(), Oid.Parse(IfTable), 7, CancellationToken.None).WaitAsync(Wait);
        var after = await SnmpTools.BulkWalkAsync(snmpd.Server.Port, snmpd.Server.Community, IfTable);

        Assert.True(before.Count > 20, $"snmpbulkwalk found only {before.Count} rows");
        Assert.Equal(before.Select(v => v.Oid), ours.Select(v => v.Oid.ToString()));
        for (var i = 0; i < ours.Count; i++)
        {
            var value = ours[i].Value;
            Assert.Equal(before[i].Type, ToolType(value.Type));
            switch (value.Type)
            {
                case SnmpType.Counter32:
                    AssertBetween(before[i].Value, value.UInt64, after[i].Value, before[i].Oid);
                    break;
                case SnmpType.OctetString:
                    Assert.Equal(before[i].Bytes, value.Bytes.ToArray());
                    break;
                default:
                    // Gauges and timeticks (ifLastChange) may move as well: equal to one of the two walks.
                    Assert.Contains(value.Text, (string[])[before[i].Value, after[i].Value]);
                    break;
            }
        }
    }

    [Fact]
    public async Task Get_MissingObjectsAndPastTheEnd_GiveTheExceptionsSnmpgetReports()
    {
        string[] oids = ["1.3.6.1.2.1.1.99.0", "1.3.6.1.2.1.1.1.5"];
        var tool = await SnmpTools.GetAsync(snmpd.Server.Port, snmpd.Server.Community, oids);
        var response = await snmpd.Client.GetAsync(snmpd.Agent(), [.. oids.Select(Oid.Parse)], CancellationToken.None).WaitAsync(Wait);
        var next = await snmpd.Client.GetNextAsync(snmpd.Agent(), [Oid.Parse("1.3.6.1.9.9.9")], CancellationToken.None).WaitAsync(Wait);
        var toolNext = await SnmpTools.GetNextAsync(snmpd.Server.Port, snmpd.Server.Community, "1.3.6.1.9.9.9");

        Assert.Equal(["NoSuchObject", "NoSuchInstance"], tool.Select(v => v.Type));
        Assert.Equal([SnmpType.NoSuchObject, SnmpType.NoSuchInstance], response.VarBinds.Select(v => v.Value.Type));
        Assert.All(response.VarBinds, v => Assert.True(v.Value.IsException));
        Assert.Equal("EndOfMibView", toolNext[0].Type);
        Assert.Equal(SnmpType.EndOfMibView, Assert.Single(next.VarBinds).Value.Type);
        var walk = await snmpd.Client.WalkAsync(snmpd.Agent(), Oid.Parse("1.3.6.1.9.9"), 10, CancellationToken.None).WaitAsync(Wait);
        Assert.Empty(walk);
    }

    [Fact]
    public async Task Get_WrongCommunity_TimesOutNamingAgentAndTries()
    {
        var timeouts = snmpd.Client.Stats.Timeouts;
        var error = await Assert.ThrowsAsync<SnmpException>(() =>
            snmpd.Client.GetAsync(snmpd.Agent("wrong", timeoutSeconds: 0.3, retries: 1), [Oid.Parse(SysDescr)], CancellationToken.None).WaitAsync(Wait));

        Assert.Equal(SnmpErrorKind.Timeout, error.Kind);
        Assert.Equal($"no reply from 127.0.0.1:{snmpd.Server.Port} after 2 tries (0.3 s each)", error.Message);
        Assert.Equal(timeouts + 1, snmpd.Client.Stats.Timeouts);
    }

    [Fact]
    public async Task Get_ClosedPort_IsRefusedAtOnce()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        var agent = new SnmpAgent(new IPEndPoint(IPAddress.Loopback, port), "public", TimeSpan.FromSeconds(20), 0);
        var error = await Assert.ThrowsAsync<SnmpException>(() => snmpd.Client.GetAsync(agent, [Oid.Parse(SysDescr)], CancellationToken.None).WaitAsync(Wait));

        Assert.Equal(SnmpErrorKind.Refused, error.Kind);
        Assert.Contains("port unreachable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Cancelled_StopsWaitingAndLeavesNothingPending()
    {
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var agent = new SnmpAgent((IPEndPoint)silent.LocalEndPoint!, "public", TimeSpan.FromSeconds(20), 3);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => snmpd.Client.GetAsync(agent, [Oid.Parse(SysDescr)], cancel.Token).WaitAsync(Wait));

        Assert.True(await Support.Poll.UntilAsync(() => snmpd.Client.PendingCount == 0), $"{snmpd.Client.PendingCount} requests still pending");
    }

    [Fact]
    public async Task Get_ManyConcurrent_EachGetsItsOwnAnswer()
    {
        var oids = Enumerable.Range(1, 4).Select(i => Oid.Parse($"1.3.6.1.2.1.2.2.1.2.{i}")).ToArray();
        var names = await SnmpTools.GetAsync(snmpd.Server.Port, snmpd.Server.Community, [.. oids.Select(o => o.ToString())]);
        var requests = Enumerable.Range(0, 200).Select(i => (Index: i % 4, Task: snmpd.Client.GetAsync(snmpd.Agent(), [oids[i % 4]], CancellationToken.None))).ToList();

        await Task.WhenAll(requests.Select(r => r.Task)).WaitAsync(Wait);

        Assert.All(requests, r => Assert.Equal(names[r.Index].Bytes, r.Task.Result.VarBinds[0].Value.Bytes.ToArray()));
        Assert.All(requests, r => Assert.Equal(oids[r.Index], r.Task.Result.VarBinds[0].Oid));
    }

    private Task<IReadOnlyList<SnmpToolVarBind>> Tools(params string[] oids) => SnmpTools.GetAsync(snmpd.Server.Port, snmpd.Server.Community, oids);

    /// <summary>A counter read between two reads of the tools, modulo 2^32 (it may wrap in between).</summary>
    private static void AssertBetween(string before, ulong ours, string after, string what)
    {
        var low = ulong.Parse(before, System.Globalization.CultureInfo.InvariantCulture);
        var high = ulong.Parse(after, System.Globalization.CultureInfo.InvariantCulture);
        var span = (high - low) & 0xFFFFFFFF;
        var offset = (ours - low) & 0xFFFFFFFF;
        Assert.True(offset <= span, $"{what}: ours {ours} is not between snmpget's {before} and {after}");
    }

    private static string ToolType(SnmpType type) => type switch
    {
        SnmpType.Integer => "INTEGER",
        SnmpType.OctetString => "Hex-STRING",
        SnmpType.ObjectIdentifier => "OID",
        SnmpType.TimeTicks => "Timeticks",
        _ => type.ToString(),
    };
}
