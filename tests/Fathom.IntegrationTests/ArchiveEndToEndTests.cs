using System.Globalization;
using System.Text.Json;

namespace Fathom.IntegrationTests;

/// <summary>The real fathomd writes, the real fathom reads: aligned runs stamp exact slot times, and step queries count them.</summary>
public sealed class ArchiveEndToEndTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("thread")]
    [InlineData("process")]
    public async Task AlignedSchedule_SamplesOnSlotTimes_StepQueryCountsThem(string isolation)
    {
        using var dir = new TempDir();
        var archive = dir.File("archive.db");
        var config = Configs.Write(dir, Configs.Noop("slots", interval: "0.2", isolation: isolation, extra: "schedule aligned"));
        using (var daemon = DaemonProcess.Start(["--foreground", $"--config={config}", "--ignorepid"]))
        {
            await Wait.UntilAsync(() => ArchiveProbe.Points(archive, "noop.value") >= 15, Long, "15 points in the archive");
            daemon.Signal(Sig.Term);
            Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        }

        var (code, output) = await DaemonProcess.RunAsync(["query", $"--archive={archive}", "--name=noop.value", "--from=-10m", "--format=json"], binary: Binaries.Fathom);
        Assert.True(code == 0, output);
        using var raw = JsonDocument.Parse(output);
        var times = raw.RootElement[0].GetProperty("points").EnumerateArray()
            .Select(p => DateTimeOffset.Parse(p.GetProperty("time").GetString()!, CultureInfo.InvariantCulture).UtcTicks).ToList();
        Assert.True(times.Count >= 15, output);

        // A run that starts within 5 ms of its slot (nearly all of them) stamps the slot itself.
        var onSlot = times.Count(t => t % TimeSpan.FromMilliseconds(200).Ticks == 0);
        Assert.True(onSlot >= times.Count * 0.8, $"{onSlot} of {times.Count} samples on 200 ms slots:\n{output}");

        (code, output) = await DaemonProcess.RunAsync(
            ["query", $"--archive={archive}", "--name=noop.value", "--from=-10m", "--step=1m", "--agg=count", "--format=json"], binary: Binaries.Fathom);
        Assert.True(code == 0, output);
        using var counted = JsonDocument.Parse(output);
        Assert.Equal(times.Count, counted.RootElement[0].GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("value").GetDouble()));

        (code, output) = await DaemonProcess.RunAsync(["archive", "check", $"--archive={archive}"], binary: Binaries.Fathom);
        Assert.True(code == 0, output);
        Assert.StartsWith("ok", output, StringComparison.Ordinal);
    }
}
