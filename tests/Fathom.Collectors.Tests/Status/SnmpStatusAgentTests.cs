using Fathom.Collectors.Status;
using Fathom.Collectors.Tests.Support;
using Fathom.TestSupport.Snmp;

namespace Fathom.Collectors.Tests.Status;

/// <summary>SNMP agents against the real snmpd on 127.0.0.1 (its lo interface is up and administratively up).</summary>
public sealed class SnmpStatusAgentTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private Runner Start(string agentBody)
    {
        var collector = new StatusCollector();
        collector.Init(StatusBlock.Parse(_dir.Path, $"""
            <element>
                id lo-link
                <agent>
                    type snmp
            {agentBody}
                </agent>
            </element>
            """));
        return new Runner(collector);
    }

    [Theory]
    [InlineData("lo", "oper/admin", "up", "normaloperation")]
    [InlineData("1", "oper/admin", "up", "normaloperation")]
    [InlineData("lo", "oper", "up", null)]
    [InlineData("lo", "admin", "unknown", "normaloperation")]
    public async Task CollectAsync_RealSnmpdLo_UpNormalOperation(string iface, string statusType, string oper, string? admin)
    {
        await using var snmpd = await SnmpdServer.StartAsync();
        File.WriteAllText(Path.Combine(_dir.Path, "community"), "public\n");
        var r = Start($"""
                    status_type {statusType}
                    address 127.0.0.1
                    port {snmpd.Port}
                    community_file community
                    interface {iface}
            """);

        await r.RunAsync();
        await r.RunAsync();

        Assert.Equal(2, r.Sink.Statuses().Count);
        Assert.All(r.Sink.Statuses(), s => Assert.Equal((oper, admin), (s.Oper, s.Admin)));
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public async Task CollectAsync_NoSuchInterface_UnknownWithReason()
    {
        await using var snmpd = await SnmpdServer.StartAsync();
        var r = Start($"""
                    status_type oper/admin
                    address 127.0.0.1
                    port {snmpd.Port}
                    community public
                    interface nonexistent0
            """);

        await r.RunAsync();

        var s = Assert.Single(r.Sink.Statuses());
        Assert.Equal(("unknown", "unknown"), (s.Oper, s.Admin));
        Assert.Contains(r.Warnings, w => w.Contains($"no interface named 'nonexistent0' in ifName or ifDescr of 127.0.0.1:{snmpd.Port}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CollectAsync_WrongCommunity_TimesOutIntoUnknownWithinTheRun()
    {
        await using var snmpd = await SnmpdServer.StartAsync();
        var r = Start($"""
                    status_type oper
                    address 127.0.0.1
                    port {snmpd.Port}
                    community wrong
                    interface 1
                    timeout 200ms
                    retries 1
            """);

        await r.RunAsync();

        Assert.Equal("unknown", Assert.Single(r.Sink.Statuses()).Oper);
        var warning = Assert.Single(r.Warnings);
        Assert.StartsWith("snmp agent at ", warning, StringComparison.Ordinal);
        Assert.Contains("reads unknown: no reply from 127.0.0.1:", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "up", "normaloperation")]
    [InlineData(2, "down", "maintenance")]
    [InlineData(3, "degraded", "troubleshooting")]
    [InlineData(5, "unknown", "unknown")]
    [InlineData(7, "unknown", "unknown")]
    public void Map_IfTableValues_PerfSonarStates(long value, string oper, string admin)
    {
        Assert.Equal(oper, StatusWords.Word(SnmpStatusAgent.Oper(value)));
        Assert.Equal(admin, StatusWords.Word(SnmpStatusAgent.Admin(value)));
    }
}
