namespace Fathom.IntegrationTests;

/// <summary>
/// Plugins that misbehave at run time (tests/Fathom.TestPlugins): one that kills its process, one
/// that blocks for ever ignoring its cancellation. Their plugin host child is restarted with
/// backoff, a collector beside them keeps its schedule, and nothing outlives the daemon.
/// </summary>
public sealed class PluginFaultTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private const double SteadyInterval = 0.25;

    private static string Id(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..6]}";

    private static string Plugin(string id, string type, string interval, string extra = "") => $"""
        <collector {id}>
            module Fathom.TestPlugins.{type}, {Binaries.TestPlugins}
            collection_interval {interval}
            {extra}
        </collector>
        """;

    [Fact]
    public async Task FailFast_RestartedWithBackoff_OtherCollectorKeepsItsSchedule()
    {
        using var dir = new TempDir();
        string crash = Id("crash"), steady = Id("steady");
        var config = Configs.Write(dir, Plugin(crash, "CrashingCollector", "0.2"), Configs.Noop(steady, SteadyInterval.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"], Binaries.PluginHostEnvironment());
        await daemon.WaitForOutputAsync("ready");

        await daemon.WaitForOutputAsync("(killed by signal 6 (SIGABRT)); restarting in 1 s");
        var from = Now();
        await daemon.WaitForOutputAsync("restarting in 2 s");
        await daemon.WaitForOutputAsync("restarting in 4 s");
        var to = Now();
        Assert.False(daemon.HasExited, daemon.Output);

        // The crashes spanned several seconds of child starts and deaths; the thread collector's runs did not notice.
        var points = StoredPoints.Of(dir.File("archive.db"), "noop.value", steady).Where(p => p.TimeNs >= from && p.TimeNs <= to).ToList();
        var window = (to - from) / 1e9;
        Assert.True(window > 2.5, $"the crashes took {window:F1} s");
        // Margins for CI's 2 shared cores, on which each restart starts a JIT process; a schedule tied
        // to the restarts would lose whole backoff seconds (1, 2, 4 s).
        Assert.True(points.Count >= window / SteadyInterval * 0.7, $"{points.Count} points of {steady} in {window:F1} s at {SteadyInterval} s");
        var longestGap = points.Zip(points.Skip(1), (a, b) => (b.TimeNs - a.TimeNs) / 1e9).Max();
        Assert.True(longestGap < SteadyInterval * 5, $"{steady} went {longestGap:F2} s without a point during the crashes");

        await StopAndAssertNoChildLeftAsync(daemon, crash);
    }

    [Fact]
    public async Task Hang_IgnoringCancellation_ChildEndedAtTimeoutAndRestarted()
    {
        using var dir = new TempDir();
        var hang = Id("hang");
        var config = Configs.Write(dir, Plugin(hang, "HangingCollector", "1", "timeout 1"));
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"], Binaries.PluginHostEnvironment());
        await daemon.WaitForOutputAsync("ready");

        var first = (await Wait.ForAsync(() => ProcTable.WithCommandPrefix($"fathomd: collector {hang}") is { Count: 1 } l ? l : null, Long, $"the first plugin host:\n{daemon.Output}"))[0];
        // Timeout 1 s, a grace of 0.1 s, then the child exits; well before the next interval's worth of slack.
        await Wait.UntilAsync(() => !ProcTable.Exists(first), TimeSpan.FromSeconds(10), $"the hung child {first} to end:\n{daemon.Output}");
        await daemon.WaitForOutputAsync("a run ignored its cancellation at its timeout of 1 s: this collector child exits to be restarted");
        await daemon.WaitForOutputAsync("child process ended (exit code 3); restarting in 1 s");
        var second = (await Wait.ForAsync(() => ProcTable.WithCommandPrefix($"fathomd: collector {hang}") is { Count: 1 } l && l[0] != first ? l : null, Long, $"a new plugin host:\n{daemon.Output}"))[0];
        await Wait.UntilAsync(() => !ProcTable.Exists(second), TimeSpan.FromSeconds(10), $"the second hung child {second} to end:\n{daemon.Output}");
        await daemon.WaitForOutputAsync("child process ended (exit code 3); restarting in 2 s");

        await StopAndAssertNoChildLeftAsync(daemon, hang);
    }

    [Fact]
    public async Task DaemonStop_DuringHungRun_NoPluginHostLeft()
    {
        using var dir = new TempDir();
        string hang = Id("stuck"), counter = Id("count");
        // The run's timeout is far away: at stop the child is stuck in the run, and only SIGKILL ends it.
        var config = Configs.Write(dir, Plugin(hang, "HangingCollector", "60", "timeout 60"), Plugin(counter, "CounterCollector", "0.2"));
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"], Binaries.PluginHostEnvironment());
        await daemon.WaitForOutputAsync("ready");
        await Wait.UntilAsync(() => ArchiveProbe.Points(dir.File("archive.db"), "counter.value", counter) >= 2, Long, $"the counter's points:\n{daemon.Output}");
        var hosts = ProcTable.ChildrenOf(daemon.Pid);
        Assert.Equal(2, hosts.Count);

        await StopAndAssertNoChildLeftAsync(daemon, hang);
        Assert.Contains("did not stop within 5 s of SIGTERM; sending SIGKILL", daemon.Output, StringComparison.Ordinal);
        Assert.All(hosts, pid => Assert.False(ProcTable.Exists(pid), $"plugin host {pid} outlived the daemon"));
        Assert.Empty(ProcTable.WithCommandPrefix($"fathomd: collector {counter}"));
    }

    private static async Task StopAndAssertNoChildLeftAsync(DaemonProcess daemon, string id)
    {
        var children = ProcTable.ChildrenOf(daemon.Pid);
        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        Assert.Empty(ProcTable.WithCommandPrefix($"fathomd: collector {id}"));
        Assert.All(children, pid => Assert.False(ProcTable.Exists(pid), $"child {pid} outlived the daemon"));
    }

    private static long Now() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
}
