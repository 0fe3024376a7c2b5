using System.Globalization;
using Fathom.Core.Storage;

namespace Fathom.IntegrationTests;

/// <summary>
/// Sixteen isolation-process children on a 2-core machine: reading their output must hold no
/// thread-pool thread, so in-daemon collectors keep their schedule and the pipeline keeps writing.
/// </summary>
public sealed class ProcessLoadTests
{
    private const int Children = 16;
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private static readonly long SecondNs = TimeSpan.FromSeconds(1).Ticks * 100;

    [Fact]
    public async Task SixteenIsolatedChildren_InDaemonCollectorsKeepTheirSlots_KillMinus9LosesAtMostTheLastBatch()
    {
        using var dir = new TempDir();
        var archive = dir.File("archive.db");
        var emitted = dir.File("emitted");
        var prefix = Prefix();

        // A counter whose every emitted value is also written down, so the archive can be checked against it.
        var script = dir.Write("counter.sh", $"""
            #!/bin/sh
            n=$(cat '{dir.File("state")}' 2>/dev/null || echo 0)
            n=$((n + 1))
            echo $n > '{dir.File("state")}'
            echo $n >> '{emitted}'
            echo "fathom_counter value=$n"

            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var counter = """
            <collector counter>
                module script
                command counter.sh
                collection_interval 0.5
            </collector>
            """;
        var config = Configs.Write(dir, [.. Load(prefix), Configs.Noop("tick", interval: "1", extra: "schedule aligned"), counter]);
        long fromNs, toNs;
        int countedBefore;
        using (var daemon = DaemonProcess.Start(["--foreground", $"--config={config}", "--ignorepid"]))
        {
            await daemon.WaitForOutputAsync("ready", Long);
            await WaitForStreamingChildrenAsync(daemon, archive, prefix);

            fromNs = NowNs();
            countedBefore = Emitted(emitted).Count;
            var end = DateTime.UtcNow + Window;
            await Wait.UntilAsync(() => daemon.HasExited || DateTime.UtcNow >= end, Window + Long, "the measuring window");
            toNs = NowNs();
            Assert.False(daemon.HasExited, daemon.Output);
            daemon.Signal(Sig.Kill);
            await daemon.WaitForExitAsync(Long);
        }

        // Restart on the same archive (it recovers what the killed writer left), stop cleanly, compare.
        var restart = Configs.WriteNamed(dir, "restart.conf", Configs.Noop("after", interval: "1"));
        using (var daemon = DaemonProcess.Start(["--foreground", $"--config={restart}", "--ignorepid"]))
        {
            await daemon.WaitForOutputAsync("ready", Long);
            daemon.Signal(Sig.Term);
            Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        }

        // Every whole second of the window (but the partial ones at its ends) holds a tick.
        var ticks = StoredPoints.Of(archive, "noop.value", "tick").Select(p => p.TimeNs).ToList();
        var missed = new List<string>();
        for (var slot = (fromNs / SecondNs + 1) * SecondNs; slot + SecondNs <= toNs - SecondNs; slot += SecondNs)
        {
            if (!ticks.Any(t => t >= slot && t < slot + SecondNs))
            {
                missed.Add(DateTimeOffset.FromUnixTimeMilliseconds(slot / 1_000_000).ToString("HH:mm:ss", CultureInfo.InvariantCulture));
            }
        }

        Assert.True(missed.Count == 0, $"the in-daemon 1 s collector missed {missed.Count} slot(s): {string.Join(", ", missed)}");

        // The in-daemon script ran on schedule too (twice a second, a little less under this load).
        var sent = Emitted(emitted);
        Assert.True(sent.Count - countedBefore >= Window.TotalSeconds * 2 * 0.75, $"the in-daemon script ran {sent.Count - countedBefore} times in {Window.TotalSeconds} s");

        // The children's samples kept flowing through the pipeline all along (5 a second each).
        var childPoints = Enumerable.Range(0, Children)
            .Sum(i => StoredPoints.Of(archive, "noop.value", $"{prefix}{i}").Count(p => p.TimeNs >= fromNs && p.TimeNs <= toNs));
        var expected = Children * Window.TotalSeconds * 5;
        Assert.True(childPoints >= expected / 2, $"{childPoints} child points stored in the window, expected about {expected}");

        // Only the run in flight at the kill (and the one before it, if its batch was being written) may be lost.
        var stored = StoredPoints.Of(archive, "fathom_counter.value", "counter").Select(p => (int)p.Value).ToHashSet();
        var missing = sent.Where(n => !stored.Contains(n)).ToList();
        var last = sent.Max();
        Assert.True(missing.All(n => n > last - 2), $"{missing.Count} of {sent.Count} emitted counter values not stored: {string.Join(", ", missing)}");
    }

    private static string Prefix() => $"load{Guid.NewGuid().ToString("N")[..4]}-";

    private static string[] Load(string prefix) =>
        [.. Enumerable.Range(0, Children).Select(i => Configs.Noop($"{prefix}{i}", interval: "0.2", isolation: "process"))];

    private static List<int> Emitted(string path) =>
        File.Exists(path) ? [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture))] : [];

    private static long NowNs() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    private static async Task WaitForStreamingChildrenAsync(DaemonProcess daemon, string archive, string prefix)
    {
        await Wait.UntilAsync(
            () => ProcTable.ChildrenOf(daemon.Pid).Count(p => ProcTable.CommandLine(p).StartsWith($"fathomd: collector {prefix}", StringComparison.Ordinal)) == Children,
            Long,
            $"{Children} children:\n{daemon.Output}");
        await Wait.UntilAsync(() => StreamingSeries(archive, prefix) == Children, Long, $"points from all {Children} children:\n{daemon.Output}");
    }

    private static int StreamingSeries(string archive, string prefix)
    {
        try
        {
            using var reader = Fathom.Archive.ArchiveReader.Open(archive);
            return reader.ListSeries("noop.value").Count(s => s.PointCount > 0 && s.Key.Tag("collector")?.StartsWith(prefix, StringComparison.Ordinal) == true);
        }
        catch (Fathom.Core.Storage.ArchiveException)
        {
            return 0;
        }
    }
}
