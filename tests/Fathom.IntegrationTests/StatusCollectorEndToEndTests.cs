using System.Text.Json;
using Fathom.Core.Storage;
using Fathom.TestSupport.Snmp;

namespace Fathom.IntegrationTests;

/// <summary>The status collector in the real fathomd: ranges extend over consecutive polls and a restart opens a new one.</summary>
public sealed class StatusCollectorEndToEndTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    private static string StatusBlock(string agents) => $"""
        <collector links>
            module status
            collection_interval 0.2
            <element>
                id link-1
                id link-2
        {agents}
            </element>
        </collector>
        """;

    private static IReadOnlyList<StatusRange> Ranges(string archive, string element)
    {
        if (!File.Exists(archive))
        {
            return [];
        }

        try
        {
            using var reader = Fathom.Archive.ArchiveReader.Open(archive);
            return reader.ListStatus(element);
        }
        catch (ArchiveException)
        {
            return []; // not created yet
        }
    }

    private static async Task RunUntilAsync(string config, Func<bool> enough, string what)
    {
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}", "--ignorepid"]);
        await Wait.UntilAsync(enough, Long, what);
        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        Assert.DoesNotContain("reads unknown", daemon.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_SameState_NewRangeOpensAndConsecutivePollsExtendEach()
    {
        using var dir = new TempDir();
        var archive = dir.File("archive.db");
        var script = dir.Write("oper.sh", "#!/bin/sh\necho \"$(date +%s),up\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = Configs.Write(dir, StatusBlock($"""
                    <agent>
                        type script
                        status_type oper
                        command {script}
                    </agent>
                    <agent>
                        type constant
                        status_type admin
                        value normaloperation
                    </agent>
            """));

        // Three polls at least: one range that grew.
        await RunUntilAsync(config, () => Ranges(archive, "link-2") is [{ } r] && r.EndNs - r.StartNs >= 400_000_000, "link-2's first range grown over 3 polls");
        var first = Assert.Single(Ranges(archive, "link-1"));

        await RunUntilAsync(config, () => Ranges(archive, "link-2") is [_, { } r] && r.EndNs - r.StartNs >= 400_000_000, "a second range for link-2 grown over 3 polls");

        foreach (var element in new[] { "link-1", "link-2" })
        {
            var ranges = Ranges(archive, element);
            Assert.Equal(2, ranges.Count);
            Assert.All(ranges, r => Assert.Equal(("up", "normaloperation"), (r.Oper, r.Admin)));
            Assert.True(ranges[1].StartNs > ranges[0].EndNs, $"{element}: the second run's range starts after the first ends");
        }

        // The first run's range was closed by the restart: the second run never extended it.
        Assert.Equal(first, Ranges(archive, "link-1")[0]);

        var (code, output) = await DaemonProcess.RunAsync(["status", $"--archive={archive}", "--element=link-1", "--from=-10m", "--format=json"], binary: Binaries.Fathom);
        Assert.True(code == 0, output);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(2, json.RootElement.GetArrayLength());
        Assert.All(json.RootElement.EnumerateArray(), r => Assert.Equal("normaloperation", r.GetProperty("admin").GetString()));
    }

    [Fact]
    public async Task SnmpAgent_RealSnmpdLo_UpNormalOperation()
    {
        await using var snmpd = await SnmpdServer.StartAsync();
        using var dir = new TempDir();
        var archive = dir.File("archive.db");
        var config = Configs.Write(dir, StatusBlock($"""
                    <agent>
                        type snmp
                        status_type oper/admin
                        address 127.0.0.1
                        port {snmpd.Port}
                        community public
                        interface lo
                    </agent>
            """));

        await RunUntilAsync(config, () => Ranges(archive, "link-1") is [{ } r] && r.EndNs > r.StartNs, "link-1 polled twice");

        var range = Assert.Single(Ranges(archive, "link-1"));
        Assert.Equal(("up", "normaloperation"), (range.Oper, range.Admin));
    }

    [Fact]
    public async Task Check_BadStatusConfig_Exit2WithEveryMistakeAtItsLine()
    {
        using var dir = new TempDir();
        var config = Configs.Write(dir, StatusBlock("""
                    <agent>
                        type constant
                        status_type oper
                        value sideways
                    </agent>
                    <agent>
                        type carrier-pigeon
                        status_type oper
                    </agent>
            """));

        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={config}"]);

        Assert.True(code == 2, output);
        Assert.Contains($"{config}:17: 'value' unknown operational state 'sideways' (one of up, degraded, down, unknown)", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:20: 'type' must be one of script, constant, snmp, not 'carrier-pigeon'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
