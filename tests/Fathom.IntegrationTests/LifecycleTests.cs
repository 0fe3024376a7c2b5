using System.Globalization;

namespace Fathom.IntegrationTests;

public sealed class LifecycleTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Foreground_SigTerm_FlushesRemovesPidFileExitsZero()
    {
        using var dir = new TempDir();
        var config = Configs.Write(dir, Configs.Noop("a"));
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"]);
        await daemon.WaitForOutputAsync("ready");
        var pidFile = dir.File("fathom.pid");
        Assert.Equal(daemon.Pid.ToString(CultureInfo.InvariantCulture), File.ReadAllText(pidFile).Trim());
        await Wait.UntilAsync(() => daemon.Count("collector a started") == 1 && ArchiveProbe.Points(dir.File("archive.db"), "noop.value") >= 3, Long, "three points in the archive");

        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        Assert.False(File.Exists(pidFile), "the pid file is removed on a clean stop");
        Assert.Contains("stopped cleanly", daemon.Output, StringComparison.Ordinal);
        Assert.Contains("0 dropped", daemon.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_LogLines_HaveTimeLevelAndCollectorId()
    {
        using var dir = new TempDir();
        var config = Configs.Write(dir, Configs.Noop("idcheck", extra: "fail yes"));
        using var daemon = DaemonProcess.Start(["--verbose", $"--config={config}", "--ignorepid"]);
        await daemon.WaitForOutputAsync("run failed");
        var line = daemon.Output.Split('\n').First(l => l.Contains("run failed", StringComparison.Ordinal));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ERROR \[idcheck\] run failed: InvalidOperationException", line);
        daemon.Signal(Sig.Int);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
    }

    [Fact]
    public async Task StartedWithSigintIgnored_SigintStillStopsItCleanly()
    {
        // A background job of a non-interactive shell (`fathomd --verbose &` in a script) inherits
        // SIGINT ignored; exec keeps that. fathomd used to keep ignoring it and run on.
        using var dir = new TempDir();
        var config = Configs.Write(dir, Configs.Noop("bg"));
        using var daemon = DaemonProcess.Start(
            ["-c", "trap '' INT; exec \"$0\" \"$@\"", Binaries.Fathomd, "--verbose", $"--config={config}", "--ignorepid"],
            binary: "/bin/sh");
        await daemon.WaitForOutputAsync("ready");

        daemon.Signal(Sig.Int);

        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        Assert.Contains("stopped cleanly", daemon.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DaemonMode_ReturnsAfterReady_DetachedInNewSession()
    {
        using var dir = new TempDir();
        var config = Configs.Write(dir, Configs.Noop("d"));
        var log = dir.File("fathomd.log");
        var (code, output) = await DaemonProcess.RunAsync([$"--config={config}", $"--output={log}"]);
        Assert.True(code == 0, output);
        var pid = int.Parse(File.ReadAllText(dir.File("fathom.pid")).Trim(), CultureInfo.InvariantCulture);
        try
        {
            Assert.Contains($"--config={config}", ProcTable.CommandLine(pid), StringComparison.Ordinal);
            var stat = ProcTable.Stat(pid)!;
            Assert.Equal(pid, stat.Session); // a session leader: detached from our terminal
            Assert.Equal("/", new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(false)!.FullName);
            Assert.Equal("/dev/null", new FileInfo($"/proc/{pid}/fd/0").ResolveLinkTarget(false)!.FullName);
            await Wait.UntilAsync(() => ArchiveProbe.Points(dir.File("archive.db"), "noop.value") >= 2, Long, "points from the detached daemon");
            Assert.Contains("ready", File.ReadAllText(log), StringComparison.Ordinal);
        }
        finally
        {
            _ = DaemonProcess.kill(pid, Sig.Term);
            await Wait.UntilAsync(() => !ProcTable.Exists(pid), Long, "the detached daemon to stop");
        }

        Assert.False(File.Exists(dir.File("fathom.pid")));
    }

    [Fact]
    public async Task DaemonMode_StartupError_PrintedByLauncherWithExitCode()
    {
        using var dir = new TempDir();
        var config = Configs.Write(dir, Configs.Noop("d"));
        File.WriteAllText(dir.File("archive.db"), "this is not a database, and it is long enough to have a header............");
        var (code, output) = await DaemonProcess.RunAsync([$"--config={config}"]);
        Assert.Equal(1, code);
        Assert.Contains("archive.db", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_PrintsUsage_ExitsZero()
    {
        var (code, output) = await DaemonProcess.RunAsync(["--help"]);
        Assert.Equal(0, code);
        Assert.Contains("--config=FILE", output, StringComparison.Ordinal);
        Assert.Contains("--ignorepid", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bogus", "unknown option '--bogus'")]
    [InlineData("--user=nobody", "--user and --group go together")]
    [InlineData("--config", "--config needs a value")]
    [InlineData("--verbose=3", "--verbose takes no value")]
    public async Task BadFlag_ExitsTwo_NamesTheFlag(string flag, string message)
    {
        var (code, output) = await DaemonProcess.RunAsync([flag]);
        Assert.Equal(2, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserGroup_DropsPrivileges_ArchiveStillWritten()
    {
        using var dir = new TempDir();
        var config = Configs.Write(dir, Configs.Noop("u"));
        var archive = dir.File("state/archive.db"); // a folder fathomd creates, so nobody gets it; the test's own folder stays root's
        File.WriteAllText(config, File.ReadAllText(config).Replace(dir.File("archive.db"), archive, StringComparison.Ordinal));
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}", "--user=nobody", "--group=nogroup", $"--piddir={dir.File("run")}"]);
        await daemon.WaitForOutputAsync("running as user nobody");
        await daemon.WaitForOutputAsync("ready");
        Assert.StartsWith("65534", ProcTable.StatusField(daemon.Pid, "Uid"), StringComparison.Ordinal);
        await Wait.UntilAsync(() => ArchiveProbe.Points(archive, "noop.value") >= 2, Long, "points written as nobody");
        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        Assert.False(File.Exists(dir.File("run/fathom.pid")), "the unprivileged daemon still removes its pid file");
    }
}
