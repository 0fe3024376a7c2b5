using System.Globalization;
using System.Text.RegularExpressions;

namespace Fathom.IntegrationTests;

/// <summary>The real fathomd against archive faults: a deleted folder, a full disk, unusable paths, a second writer.</summary>
public sealed partial class ArchiveFaultTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ArchiveFolderDeleted_MidRun_SaidRecreatedAndLossCounted_ExitsOne()
    {
        using var dir = new TempDir();
        var folder = dir.File("data");
        var archive = Path.Combine(folder, "archive.db");
        var config = Config(dir, archive, $"<mmv>\n    dir {dir.File("mmv")}\n</mmv>");
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}", "--ignorepid"]);
        await Wait.UntilAsync(() => ArchiveProbe.Points(archive, "noop.value") >= 3, Long, "points in the first archive file");

        Directory.Delete(folder, recursive: true);
        await daemon.WaitForOutputAsync("was deleted or replaced while in use", Long);
        await daemon.WaitForOutputAsync("recreated; storing again", Long);
        await Wait.UntilAsync(() => ArchiveProbe.Points(archive, "noop.value") >= 3, Long, "points in the recreated archive file");

        // The loss is in the daemon's metrics too, as PCP's tools and `fathom metrics` see them.
        long metricLost = 0;
        await Wait.UntilAsync(
            async () =>
            {
                var (_, table) = await DaemonProcess.RunAsync(["metrics", $"--mmv={dir.File("mmv/fathom")}"], Long, binary: Binaries.Fathom);
                var row = LostMetricRow().Match(table);
                metricLost = row.Success ? long.Parse(row.Groups["n"].Value, CultureInfo.InvariantCulture) : 0;
                return metricLost >= 3;
            },
            Long,
            "fathom.pipeline.lost in the MMV file");

        daemon.Signal(Sig.Term);
        Assert.Equal(1, await daemon.WaitForExitAsync(Long));
        var output = daemon.Output;
        Assert.DoesNotContain("stopped cleanly", output, StringComparison.Ordinal);
        var stop = StopLine().Match(output);
        Assert.True(stop.Success, output);

        // Written counts what the new file holds; what went into the deleted one is lost, not written.
        var written = long.Parse(stop.Groups["written"].Value, CultureInfo.InvariantCulture);
        var lost = long.Parse(stop.Groups["lost"].Value, CultureInfo.InvariantCulture);
        Assert.True(lost >= 3, output);
        Assert.True(metricLost <= lost, $"metric {metricLost}, stop line {lost}");
        Assert.Equal(ArchiveProbe.Points(archive, "noop.value"), written);
        Assert.Contains($"the {lost} measurement(s) written to it since it was opened are lost", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArchiveFolderReplacedByFile_RecreateFails_KeptAndRetried_StopReportsLoss()
    {
        using var dir = new TempDir();
        var folder = dir.File("data");
        var archive = Path.Combine(folder, "archive.db");
        var config = Config(dir, archive);
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}", "--ignorepid"]);
        await Wait.UntilAsync(() => ArchiveProbe.Points(archive, "noop.value") >= 3, Long, "points in the archive file");

        Directory.Delete(folder, recursive: true);
        File.WriteAllText(folder, "a file where the archive's folder was");
        await daemon.WaitForOutputAsync("was deleted or replaced while in use", Long);
        await daemon.WaitForOutputAsync($"{folder} is not a directory; kept, retrying", Long);

        daemon.Signal(Sig.Term);
        Assert.Equal(1, await daemon.WaitForExitAsync(Long));
        var stop = StopLine().Match(daemon.Output);
        Assert.True(stop.Success, daemon.Output);
        Assert.Equal("0", stop.Groups["written"].Value);
        Assert.True(long.Parse(stop.Groups["dropped"].Value, CultureInfo.InvariantCulture) > 0, daemon.Output);
        Assert.True(long.Parse(stop.Groups["lost"].Value, CultureInfo.InvariantCulture) >= 3, daemon.Output);
    }

    [Fact]
    public async Task FullDisk_AtStart_NotReady_ClearMessageExitsOne()
    {
        using var dir = new TempDir();
        using var disk = Tmpfs.Mount(dir.File("disk"), "64k");
        var config = Config(dir, Path.Combine(disk.Path, "archive.db"));

        var (code, output) = await DaemonProcess.RunAsync(["--foreground", $"--config={config}", "--ignorepid"], Long);
        Assert.True(code == 1, output);
        Assert.Contains("the disk is full", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ready", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);

        (code, output) = await DaemonProcess.RunAsync([$"--config={config}", "--ignorepid"], Long);
        Assert.True(code == 1, output);
        Assert.Contains("the disk is full", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FullDisk_ExistingArchive_NotReady_SaysWhyExitsOne()
    {
        using var dir = new TempDir();
        using var disk = Tmpfs.Mount(dir.File("disk"), "1m");
        var archive = Path.Combine(disk.Path, "archive.db");
        var config = Config(dir, archive);
        using (var daemon = DaemonProcess.Start(["--foreground", $"--config={config}", "--ignorepid"]))
        {
            await Wait.UntilAsync(() => ArchiveProbe.Points(archive, "noop.value") >= 1, Long, "a first point");
            daemon.Signal(Sig.Term);
            Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        }

        disk.Fill();
        var (code, output) = await DaemonProcess.RunAsync(["--foreground", $"--config={config}", "--ignorepid"], Long);
        Assert.True(code == 1, output);
        Assert.Contains($"cannot open archive {archive}", output, StringComparison.Ordinal);
        Assert.Contains("No space left on device", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ready", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FullDisk_WhileRunning_StopSaysHowMuchWasLost_ExitsOne()
    {
        using var dir = new TempDir();
        using var disk = Tmpfs.Mount(dir.File("disk"), "1m");
        var archive = Path.Combine(disk.Path, "archive.db");
        var config = Config(dir, archive);
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}", "--ignorepid"]);
        await Wait.UntilAsync(() => ArchiveProbe.Points(archive, "noop.value") >= 2, Long, "points before the disk fills");

        disk.Fill();
        await daemon.WaitForOutputAsync("the disk is full", Long);
        daemon.Signal(Sig.Term);
        Assert.Equal(1, await daemon.WaitForExitAsync(Long));
        var stop = StopLine().Match(daemon.Output);
        Assert.True(stop.Success, daemon.Output);
        Assert.True(long.Parse(stop.Groups["dropped"].Value, CultureInfo.InvariantCulture) > 0, daemon.Output);
        Assert.DoesNotContain("stopped cleanly", daemon.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("folder")]
    [InlineData("/proc/x.db")]
    [InlineData("file/x.db")]
    [InlineData("/dev/null")]
    public async Task UnusablePath_CheckAndStart_FileLineMessage_NoStackTrace(string path)
    {
        using var dir = new TempDir();
        if (path == "folder")
        {
            path = dir.File("folder");
            Directory.CreateDirectory(path);
        }
        else if (path == "file/x.db")
        {
            path = Path.Combine(dir.Write("file", "a plain file"), "x.db");
        }

        var config = Config(dir, path);
        var expected = $"{config}:4: archive";
        foreach (var args in new[] { ["--check"], ["--foreground", "--ignorepid"], new[] { "--ignorepid" } })
        {
            var (code, output) = await DaemonProcess.RunAsync([$"--config={config}", .. args], Long);
            Assert.True(code == 2, $"{string.Join(' ', args)}: exit {code}\n{output}");
            Assert.Contains(expected, output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SecondWriter_RefusedInUseByPid_CompactRefusesWhileHeld()
    {
        using var dir = new TempDir();
        var archive = dir.File("archive.db");
        var config = Config(dir, archive);
        using (var first = DaemonProcess.Start(["--foreground", $"--config={config}", "--ignorepid"]))
        {
            await first.WaitForOutputAsync("ready", Long);
            var inUse = $"archive {archive} in use by PID {first.Pid}";

            var (code, output) = await DaemonProcess.RunAsync(["--foreground", $"--config={config}", "--ignorepid"], Long);
            Assert.True(code == 3, output);
            Assert.Contains(inUse, output, StringComparison.Ordinal);

            (code, output) = await DaemonProcess.RunAsync(["archive", "compact", $"--archive={archive}"], Long, binary: Binaries.Fathom);
            Assert.True(code == 1, output);
            Assert.Contains(inUse, output, StringComparison.Ordinal);
            Assert.DoesNotContain("after:", output, StringComparison.Ordinal);

            first.Signal(Sig.Term);
            Assert.Equal(0, await first.WaitForExitAsync(Long));
        }

        var (after, text) = await DaemonProcess.RunAsync(["archive", "compact", $"--archive={archive}"], Long, binary: Binaries.Fathom);
        Assert.True(after == 0, text);
    }

    private static string Config(TempDir dir, string archive, string extra = "") => dir.Write("fathom.conf", $"""
        collection_interval 1
        shutdown_timeout 5
        <archive>
            path {archive}
        </archive>
        {extra}
        {Configs.Noop("n", interval: "0.2")}
        """);

    [GeneratedRegex(@"stopped with data lost: (?<written>\d+) measurement\(s\) written, (?<dropped>\d+) dropped.*?, (?<lost>\d+) lost")]
    private static partial Regex StopLine();

    [GeneratedRegex(@"^fathom\.pipeline\.lost\s+u64\s+counter\s+count\s+-\s+(?<n>\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex LostMetricRow();
}
