using System.Globalization;

namespace Fathom.IntegrationTests;

/// <summary>fathomd is the subreaper of what its collectors start: orphans are reaped, and stopped at a clean stop.</summary>
public sealed class SubreaperTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("thread")]
    [InlineData("process")]
    public async Task ScriptSetsidChild_CleanStop_IsStoppedAndShortOrphanReaped(string isolation)
    {
        using var dir = new TempDir();
        var marker = Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var longSleep = $"1000{marker}";
        var shortSleep = $"3.{marker}";

        // Once: a setsid child that would live for ever, and one that ends on its own soon. Every
        // run exits 3, which the daemon must still see (reaping orphans steals no owned child's status).
        // The script exits only once both children are in sessions of their own (each touches a
        // file after setsid): a child still in the script's process group when the script ends is
        // killed with the group, as designed, and the NativeAOT daemon notices the end soon enough
        // to catch a child between fork and setsid.
        var script = dir.Write("spawn.sh", $"""
            #!/bin/sh
            [ -e '{dir.File("done")}' ] && exit 3
            touch '{dir.File("done")}'
            setsid sh -c "touch '{dir.File("long.up")}'; exec sleep {longSleep}" </dev/null >/dev/null 2>&1 &
            setsid sh -c "touch '{dir.File("short.up")}'; exec sleep {shortSleep}" </dev/null >/dev/null 2>&1 &
            while [ ! -e '{dir.File("long.up")}' ] || [ ! -e '{dir.File("short.up")}' ]; do sleep 0.01; done
            exit 3

            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = Configs.Write(dir, $"""
            <collector s>
                module script
                command spawn.sh
                collection_interval 1
                isolation {isolation}
            </collector>
            """);
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}", "--ignorepid"]);
        await daemon.WaitForOutputAsync("ready");
        var orphan = (await Wait.ForAsync(() => ProcTable.WithCommandContaining($"sleep {longSleep}") is { Count: 1 } l ? l : null, Long, "the setsid child"))[0];
        // The script starts the second child just after the first: wait for it too (the NativeAOT
        // daemon runs the script soon enough after start that a single look could miss it).
        var brief = (await Wait.ForAsync(() => ProcTable.WithCommandContaining($"sleep {shortSleep}") is { Count: 1 } l ? l : null, Long, "the brief setsid child"))[0];

        // The script has exited: its orphan was adopted by fathomd (or by its collector child).
        await Wait.UntilAsync(() => ProcTable.Stat(orphan) is { } s && IsDaemonOrChild(daemon.Pid, s.Parent), Long, $"the orphan {orphan} adopted by fathomd:\n{daemon.Output}");

        // The brief orphan ended and was reaped: no zombie left behind.
        await Wait.UntilAsync(() => !Directory.Exists($"/proc/{brief}"), Long, $"the ended orphan {brief} reaped ({ProcTable.Stat(brief)})");
        await Wait.UntilAsync(() => daemon.Count("ended with exit code 3") >= 3, Long, $"three runs' exit codes:\n{daemon.Output}");
        Assert.DoesNotContain("unknown exit status", daemon.Output, StringComparison.Ordinal);

        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        Assert.False(ProcTable.Exists(orphan), $"the setsid child {orphan} outlived a clean stop:\n{daemon.Output}");
    }

    private static bool IsDaemonOrChild(int daemon, int pid) => pid == daemon || ProcTable.Stat(pid)?.Parent == daemon;
}
