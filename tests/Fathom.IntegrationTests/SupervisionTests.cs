namespace Fathom.IntegrationTests;

public sealed class SupervisionTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    private static string Id(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..6]}";

    [Fact]
    public async Task ProcessIsolation_SigTerm_LeavesNoProcessBehind()
    {
        using var dir = new TempDir();
        string a = Id("pa"), b = Id("pb");
        var config = Configs.Write(dir, Configs.Noop(a, isolation: "process"), Configs.Noop(b, isolation: "process"));
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"]);
        await daemon.WaitForOutputAsync("ready");
        await Wait.UntilAsync(() => ProcTable.WithCommandPrefix($"fathomd: collector {a}").Count == 1 && ProcTable.WithCommandPrefix($"fathomd: collector {b}").Count == 1, Long, "both children");
        await Wait.UntilAsync(() => ArchiveProbe.Points(dir.File("archive.db"), "noop.value", a) >= 3, Long, "points streamed from child a");
        var children = ProcTable.ChildrenOf(daemon.Pid);
        Assert.Equal(2, children.Count);

        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        foreach (var child in children)
        {
            Assert.False(ProcTable.Exists(child), $"child {child} still exists after the daemon stopped");
        }
    }

    [Fact]
    public async Task SigKillOfDaemon_ChildrenDieToo()
    {
        using var dir = new TempDir();
        var a = Id("orphan");
        var config = Configs.Write(dir, Configs.Noop(a, isolation: "process"));
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"]);
        await daemon.WaitForOutputAsync("ready");
        var child = (await Wait.ForAsync(() => ProcTable.WithCommandPrefix($"fathomd: collector {a}") is { Count: 1 } l ? l : null, Long, "the child"))[0];

        daemon.Signal(Sig.Kill);
        await daemon.WaitForExitAsync(Long);
        await Wait.UntilAsync(() => !ProcTable.Exists(child), TimeSpan.FromSeconds(10), $"child {child} to die with its parent");
    }

    [Fact]
    public async Task SigKillOfDaemon_RunningScriptDiesToo()
    {
        using var dir = new TempDir();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var script = dir.Write("hang.sh", $"#!/bin/sh\nexec sleep 1000 # {marker}\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = Configs.Write(dir, """
            <collector s>
                module script
                command hang.sh
                collection_interval 60
            </collector>
            """);
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"]);
        await daemon.WaitForOutputAsync("ready");
        var sleeper = (await Wait.ForAsync(() => ProcTable.ChildrenOf(daemon.Pid).Where(p => ProcTable.CommandLine(p) == "sleep 1000").ToList() is { Count: 1 } l ? l : null, Long, "the script's process"))[0];

        daemon.Signal(Sig.Kill);
        await daemon.WaitForExitAsync(Long);
        await Wait.UntilAsync(() => !ProcTable.Exists(sleeper), TimeSpan.FromSeconds(10), $"script process {sleeper} to die with the daemon");
    }

    [Fact]
    public async Task ChildKilled_IsRestartedWithBackoff()
    {
        using var dir = new TempDir();
        var a = Id("restart");
        var config = Configs.Write(dir, Configs.Noop(a, isolation: "process"));
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"]);
        await daemon.WaitForOutputAsync("ready");

        var first = (await Wait.ForAsync(() => ProcTable.WithCommandPrefix($"fathomd: collector {a}") is { Count: 1 } l ? l : null, Long, "the first child"))[0];
        _ = DaemonProcess.kill(first, Sig.Kill);
        await daemon.WaitForOutputAsync("killed by signal 9 (SIGKILL)); restarting in 1 s");
        var second = (await Wait.ForAsync(() => ProcTable.WithCommandPrefix($"fathomd: collector {a}") is { Count: 1 } l && l[0] != first ? l : null, Long, "a new child"))[0];

        _ = DaemonProcess.kill(second, Sig.Kill);
        await daemon.WaitForOutputAsync("restarting in 2 s");
        await Wait.ForAsync(() => ProcTable.WithCommandPrefix($"fathomd: collector {a}") is { Count: 1 } l && l[0] != second ? l : null, Long, "a third child");
        var before = ArchiveProbe.Points(dir.File("archive.db"), "noop.value", a);
        await Wait.UntilAsync(() => ArchiveProbe.Points(dir.File("archive.db"), "noop.value", a) > before + 2, Long, "points from the restarted child");

        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
    }

    [Fact]
    public async Task SigHup_AddsAndRemovesCollectors_KeepsUnchanged()
    {
        using var dir = new TempDir();
        string keep = Id("keep"), gone = Id("gone"), added = Id("added");
        var config = Configs.Write(dir, Configs.Noop(keep), Configs.Noop(gone));
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"]);
        await daemon.WaitForOutputAsync("ready");
        await Wait.UntilAsync(() => ArchiveProbe.Points(dir.File("archive.db"), "noop.value", gone) >= 2, Long, "points from the collector to remove");

        Configs.Write(dir, Configs.Noop(keep), Configs.Noop(added));
        daemon.Signal(Sig.Hup);
        await daemon.WaitForOutputAsync("reloaded: 1 kept, 0 restarted, 1 stopped, 1 started");
        Assert.Contains($"collector {gone} removed by reload", daemon.Output, StringComparison.Ordinal);
        Assert.Equal(1, daemon.Count($"collector {keep} started"));
        await Wait.UntilAsync(() => ArchiveProbe.Points(dir.File("archive.db"), "noop.value", added) >= 2, Long, "points from the added collector");
        var goneCount = ArchiveProbe.Points(dir.File("archive.db"), "noop.value", gone);
        await Wait.UntilAsync(() => ArchiveProbe.Points(dir.File("archive.db"), "noop.value", added) >= 5, Long, "more points from the added collector");
        Assert.Equal(goneCount, ArchiveProbe.Points(dir.File("archive.db"), "noop.value", gone));

        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
    }

    [Fact]
    public async Task SigHup_InvalidConfig_LoggedWithLine_OldConfigKeepsRunning()
    {
        using var dir = new TempDir();
        var a = Id("stay");
        var config = Configs.Write(dir, Configs.Noop(a));
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"]);
        await daemon.WaitForOutputAsync("ready");

        var good = File.ReadAllText(config);
        File.WriteAllText(config, good + "\n<collector broken>\n    module noop\n    colection_interval 3\n</collector>\n");
        var badLine = good.Split('\n').Length + 3;
        daemon.Signal(Sig.Hup);
        await daemon.WaitForOutputAsync("reload rejected");
        Assert.Contains($"{config}:{badLine}: unknown key 'colection_interval'", daemon.Output, StringComparison.Ordinal);
        var before = ArchiveProbe.Points(dir.File("archive.db"), "noop.value", a);
        await Wait.UntilAsync(() => ArchiveProbe.Points(dir.File("archive.db"), "noop.value", a) >= before + 3, Long, "the old collector to keep running");

        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
    }

    [Fact]
    public async Task HangingScript_TimedOut_OtherCollectorKeepsSchedule()
    {
        using var dir = new TempDir();
        // A duration no other test (or run) uses, so the check below sees only this test's processes.
        var sleep = $"sleep {Random.Shared.Next(2_000_000, 3_000_000)}";
        var script = dir.Write("hang.sh", $"#!/bin/sh\n{sleep} &\n{sleep}\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string hang = Id("hang"), tick = Id("tick");
        var config = Configs.Write(dir, $"""
            <collector {hang}>
                module script
                command hang.sh
                collection_interval 1
                timeout 1
            </collector>
            """, Configs.Noop(tick, interval: "0.25", extra: "schedule aligned"));
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"]);
        await daemon.WaitForOutputAsync("ready");
        await Wait.UntilAsync(() => daemon.Count("cancelled at its timeout") >= 2, Long, "two timeouts of the hanging script");
        var start = ArchiveProbe.Points(dir.File("archive.db"), "noop.value", tick);
        var window = System.Diagnostics.Stopwatch.StartNew();
        await Wait.UntilAsync(() => window.Elapsed > TimeSpan.FromSeconds(3), Long, "three seconds");
        // The poll may overshoot 3 s on a loaded machine: expect 4 per second of the window measured.
        var seconds = window.Elapsed.TotalSeconds;
        var during = ArchiveProbe.Points(dir.File("archive.db"), "noop.value", tick) - start;
        Assert.InRange(during, (int)Math.Floor(seconds * 4) - 2, (int)Math.Ceiling(seconds * 4) + 2); // unaffected by the hanging neighbour

        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        Assert.Empty(ProcTable.WithCommandPrefix(sleep));
    }
}
