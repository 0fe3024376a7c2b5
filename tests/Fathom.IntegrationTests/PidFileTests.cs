using System.Globalization;

namespace Fathom.IntegrationTests;

public sealed class PidFileTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TwentySimultaneousStarts_ExactlyOneRuns_OthersExitThree()
    {
        using var dir = new TempDir();
        var config = Configs.Write(dir, Configs.Noop("race", interval: "1"));
        var daemons = Enumerable.Range(0, 20).Select(_ => DaemonProcess.Start(["--foreground", $"--config={config}"])).ToList();
        try
        {
            await Wait.UntilAsync(() => daemons.Count(d => d.HasExited) == 19, Long, "19 of 20 daemons to give up");
            var survivor = daemons.Single(d => !d.HasExited);
            await survivor.WaitForOutputAsync("ready");
            var pid = survivor.Pid.ToString(CultureInfo.InvariantCulture);
            foreach (var loser in daemons.Where(d => d != survivor))
            {
                Assert.Equal(3, await loser.WaitForExitAsync(Long));
                Assert.Contains("already running: " + pid, loser.Output, StringComparison.Ordinal);
            }

            Assert.Equal(pid, File.ReadAllText(dir.File("fathom.pid")).Trim());
            survivor.Signal(Sig.Term);
            Assert.Equal(0, await survivor.WaitForExitAsync(Long));
        }
        finally
        {
            daemons.ForEach(d => d.Dispose());
        }
    }

    [Fact]
    public async Task StalePidFile_OfDeadProcess_IsTakenOver()
    {
        using var dir = new TempDir();
        var config = Configs.Write(dir, Configs.Noop("stale", interval: "1"));
        // A pid that surely names no process: one that just ended.
        using var gone = System.Diagnostics.Process.Start("true")!;
        await gone.WaitForExitAsync();
        File.WriteAllText(dir.File("fathom.pid"), gone.Id.ToString(CultureInfo.InvariantCulture) + "\n");

        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"]);
        await daemon.WaitForOutputAsync("ready");
        Assert.Equal(daemon.Pid.ToString(CultureInfo.InvariantCulture), File.ReadAllText(dir.File("fathom.pid")).Trim());
        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
    }

    [Fact]
    public async Task SecondDaemon_WhileFirstRuns_PrintsAlreadyRunningPid()
    {
        using var dir = new TempDir();
        var config = Configs.Write(dir, Configs.Noop("first", interval: "1"));
        using var first = DaemonProcess.Start(["--foreground", $"--config={config}"]);
        await first.WaitForOutputAsync("ready");
        var (code, output) = await DaemonProcess.RunAsync([$"--config={config}"]);
        Assert.Equal(3, code);
        Assert.Contains($"already running: {first.Pid}", output, StringComparison.Ordinal);
        var (code2, _) = await DaemonProcess.RunAsync(["--foreground", $"--config={config}", "--ignorepid", "--check"]);
        Assert.Equal(0, code2);
        first.Signal(Sig.Term);
        Assert.Equal(0, await first.WaitForExitAsync(Long));
    }
}
