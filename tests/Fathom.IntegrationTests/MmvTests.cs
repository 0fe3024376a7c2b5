using System.Globalization;
using System.Text.RegularExpressions;
using Fathom.Pcp.Tests.Support;

namespace Fathom.IntegrationTests;

/// <summary>The running daemon's metrics, read by PCP's own tools: mmvdump, and pminfo through a real pmcd.</summary>
public sealed partial class MmvTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Daemon_MmvFile_ReadByMmvdumpAndPminfo()
    {
        using var pmcd = new PmcdFixture();
        using var dir = new TempDir();
        var config = Configs.Write(dir, Configs.Noop("m1"), Configs.Noop("m2", isolation: "process"), $"<mmv>\n  name fathom\n  dir {pmcd.MmvDirectory}\n</mmv>");
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"]);
        await daemon.WaitForOutputAsync("ready");
        var file = Path.Combine(pmcd.MmvDirectory, "fathom");
        Assert.True(File.Exists(file), daemon.Output);

        var dump = Processes.Run(PcpTools.MmvDump, [file]).Output;
        Assert.Contains($"Process    = {daemon.Pid}", dump, StringComparison.Ordinal);
        Assert.Contains("Flags      = 0x2 (process)", dump, StringComparison.Ordinal);
        AssertMetric(dump, "pid", "32-bit unsigned int (0x1)", "discrete (0x4)", "");
        AssertMetric(dump, "cpu.user", "64-bit unsigned int (0x3)", "counter (0x1)", "millisec");
        AssertMetric(dump, "cpu.sys", "64-bit unsigned int (0x3)", "counter (0x1)", "millisec");
        AssertMetric(dump, "cpu.total", "64-bit unsigned int (0x3)", "counter (0x1)", "millisec");
        AssertMetric(dump, "mem.maxrss", "64-bit unsigned int (0x3)", "instant (0x3)", "Kbyte");
        AssertMetric(dump, "mem.datasz", "64-bit unsigned int (0x3)", "instant (0x3)", "Kbyte");
        Assert.Contains("instance = [0 or \"m1\"]", dump, StringComparison.Ordinal);
        Assert.Contains("instance = [1 or \"m2\"]", dump, StringComparison.Ordinal);

        var pid = pmcd.PollPmInfo(t => t.Contains("value ", StringComparison.Ordinal), "-f", "mmv.fathom.pid");
        Assert.Contains($"value {daemon.Pid}", pid, StringComparison.Ordinal);
        var first = CpuTotal(pmcd);
        var runs = pmcd.PollPmInfo(t => RunsOf(t, "m2") >= 3, "-f", "mmv.fathom.collector.runs");
        Assert.True(RunsOf(runs, "m2") >= 3, runs); // a process-isolated collector's runs reach the parent's metrics
        await Wait.UntilAsync(() => CpuTotal(pmcd) > first, Long, "mmv.fathom.cpu.total to grow");

        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        Assert.False(File.Exists(file), "the MMV file is removed on a clean stop");
    }

    [Fact]
    public async Task MmvBlock_UnknownKey_NamesLine()
    {
        using var dir = new TempDir();
        var config = Configs.Write(dir, Configs.Noop("x"), "<mmv>\n  name fathom\n  folder /tmp\n</mmv>");
        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={config}"]);
        Assert.Equal(2, code);
        Assert.Contains("unknown key 'folder' in <mmv>", output, StringComparison.Ordinal);
    }

    private static void AssertMetric(string dump, string name, string type, string semantics, string units)
    {
        var block = Regex.Match(dump, $@"\] {Regex.Escape(name)}\n\s+type=(.*?), sem=(.*?), pad=0x0\n\s+units=(.*)\n");
        Assert.True(block.Success, $"{name} not in mmvdump's output:\n{dump}");
        Assert.Equal((type, semantics, units), (block.Groups[1].Value, block.Groups[2].Value, block.Groups[3].Value.Trim()));
    }

    private static long CpuTotal(PmcdFixture pmcd)
    {
        var text = pmcd.PmInfo("-f", "mmv.fathom.cpu.total").Output;
        var m = ValueRegex().Match(text);
        return m.Success ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }

    private static long RunsOf(string pminfo, string instance)
    {
        var m = Regex.Match(pminfo, $@"inst \[\d+ or ""{instance}""\] value (\d+)");
        return m.Success ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }

    [GeneratedRegex(@"value (\d+)")]
    private static partial Regex ValueRegex();
}
