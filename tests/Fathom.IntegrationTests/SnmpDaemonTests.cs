using System.Globalization;
using Fathom.TestSupport.Snmp;

namespace Fathom.IntegrationTests;

/// <summary>The snmp collector inside the real fathomd: against a real snmpd, and against a UDP responder that only sends junk.</summary>
public sealed class SnmpDaemonTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    private static string Snmp(string id, int port, string extra = "") => $"""
        <collector {id}>
            module snmp
            address 127.0.0.1
            port {port.ToString(CultureInfo.InvariantCulture)}
            community public
            collection_interval 0.5
            {extra}
        </collector>
        """;

    [Fact]
    public async Task Daemon_SnmpCollectorAgainstSnmpd_StoresInterfacePointsInTheArchive()
    {
        await using var snmpd = await SnmpdServer.StartAsync();
        using var dir = new TempDir();
        var config = Configs.Write(dir, Snmp("agent", snmpd.Port, "interface lo\n    oid uptime 1.3.6.1.2.1.1.3.0 count"));
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"]);
        await daemon.WaitForOutputAsync("ready");

        var archive = dir.File("archive.db");
        await Wait.UntilAsync(() => ArchiveProbe.Points(archive, "snmp.if.in_octets.rate", "agent") >= 2, Long, $"snmp rates in the archive:\n{daemon.Output}");
        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));

        var octets = StoredPoints.Of(archive, "snmp.if.in_octets", "agent");
        Assert.True(octets.Count >= 3, daemon.Output);
        Assert.True(octets.Zip(octets.Skip(1)).All(p => p.Second.Value >= p.First.Value), "lo's octet counter only grows");
        foreach (var name in (string[])["snmp.if.out_octets", "snmp.if.in_errors", "snmp.if.oper_status", "snmp.if.admin_status", "snmp.if.speed", "snmp.uptime"])
        {
            Assert.True(ArchiveProbe.Points(archive, name, "agent") >= 3, $"{name}:\n{daemon.Output}");
        }

        Assert.Equal(1.0, StoredPoints.Of(archive, "snmp.if.oper_status", "agent")[^1].Value);
        Assert.DoesNotContain("run failed", daemon.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Daemon_HostileResponder_StaysUpLogsTheReasonAndOtherCollectorKeepsItsSchedule()
    {
        using var hostile = new HostileSnmpResponder();
        using var dir = new TempDir();
        var config = Configs.Write(dir, Snmp("hostile", hostile.Port, "interface eth0\n    retries 1\n    timeout 1"), Configs.Noop("steady", interval: "0.2"));
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"]);
        await daemon.WaitForOutputAsync("ready");

        var archive = dir.File("archive.db");
        await Wait.UntilAsync(() => ArchiveProbe.Points(archive, "noop.value", "steady") >= 5, Long, $"noop points:\n{daemon.Output}");
        var start = ArchiveProbe.Points(archive, "noop.value", "steady");
        var window = System.Diagnostics.Stopwatch.StartNew();
        await Wait.UntilAsync(() => hostile.Requests >= 6 && daemon.Count("run failed") >= 3, Long, $"three failed snmp runs:\n{daemon.Output}");
        var steady = ArchiveProbe.Points(archive, "noop.value", "steady") - start;
        var elapsed = window.Elapsed.TotalSeconds;

        Assert.False(daemon.HasExited, daemon.Output);
        Assert.True(hostile.Sent >= 6 * 300, $"{hostile.Sent} bad replies sent");
        // The noop's 0.2 s schedule held while junk poured in: at least half of its slots have a
        // point (committed points lag the pipeline's flush, and CI's 2 cores are shared).
        Assert.True(steady >= elapsed / 0.2 * 0.5, $"{steady} noop points in {elapsed:0.0} s:\n{daemon.Output}");
        var port = hostile.Port.ToString(CultureInfo.InvariantCulture);
        Assert.Contains($"no reply from 127.0.0.1:{port}", daemon.Output, StringComparison.Ordinal);
        Assert.Contains("last rejected reply: ", daemon.Output, StringComparison.Ordinal);
        Assert.Contains("SNMP: rejected a datagram from 127.0.0.1:", daemon.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", daemon.Output, StringComparison.Ordinal);

        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
    }
}
