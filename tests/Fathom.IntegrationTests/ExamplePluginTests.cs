using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Fathom.IntegrationTests;

/// <summary>
/// examples/plugin as its README tells an author to build it (dotnet build against the packed
/// Fathom.Abstractions in a folder feed), loaded by the NativeAOT daemon's plugin host: its
/// measurements reach the archive, its config mistakes come back from --check at file:line.
/// </summary>
public sealed class ExamplePluginTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BuildWait = TimeSpan.FromMinutes(8);
    private const string Type = "Fathom.Examples.FileMetrics.FileMetricsCollector";

    private static string Block(string id, string plugin, string body) => $"""
        <collector {id}>
            module {Type}, {plugin}
            collection_interval 0.3
        {body}
        </collector>
        """;

    [Fact]
    public async Task Example_BuiltFromPackedAbstractions_ReferencesOnlyTheContract()
    {
        var plugin = await PluginBuilds.ExampleAsync().WaitAsync(BuildWait);

        Assert.True(File.Exists(Path.Combine(Binaries.RepoRoot, "artifacts", "packages", "Fathom.Abstractions.1.0.0.nupkg")), "the packed contract in the example's feed");
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(plugin)!, "Fathom.Abstractions.dll")), "the contract is the host's, never shipped beside the plugin");
        using var pe = new PEReader(File.OpenRead(plugin));
        var metadata = pe.GetMetadataReader();
        var ours = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).Where(n => n.StartsWith("Fathom", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Fathom.Abstractions"], ours);
    }

    [Fact]
    public async Task Example_RunByDaemon_FileMetricsWithUnitsAndTagsReachArchive()
    {
        var plugin = await PluginBuilds.ExampleAsync().WaitAsync(BuildWait);
        using var dir = new TempDir();
        var stats = dir.Write("app.stats", "requests: 120\nqueue_bytes 3 kB\n");
        dir.Write("load", "0.50 1.25 2.00 1/300 4242\n");
        var config = Configs.Write(
            dir,
            Block("mem", plugin, "    file /proc/meminfo\n    metric mem.total MemTotal bytes"),
            Block("app", plugin, "    file app.stats\n    metric requests requests count\n    metric queue queue_bytes bytes\n    metric absent no_such_key count\n    tag service=web"),
            Block("load", plugin, "    format fields\n    file load\n    metric load.5m 2 -\n    metric load.milli 3 count 1000"));
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"], Binaries.PluginHostEnvironment());
        await daemon.WaitForOutputAsync("ready");

        var archive = dir.File("archive.db");
        await Wait.UntilAsync(() => new[] { ("file.mem.total", "mem"), ("file.queue", "app"), ("file.load.milli", "load") }.All(s => ArchiveProbe.Points(archive, s.Item1, s.Item2) >= 2), Long, $"points of the three blocks:\n{daemon.Output}");
        File.WriteAllText(stats, "requests: 121\nqueue_bytes 3 kB\n");
        await Wait.UntilAsync(() => StoredPoints.Of(archive, "file.requests", "app").Any(p => p.Value == 121), Long, $"the file re-read at a later run:\n{daemon.Output}");
        await daemon.WaitForOutputAsync("metric absent: no line starts with 'no_such_key'");
        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));

        var memTotalKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var mem = Series(archive, "file.mem.total", "mem");
        Assert.Equal("bytes", mem.Key.Unit);
        Assert.Contains(new KeyValuePair<string, string>("file", "/proc/meminfo"), mem.Key.Tags);
        Assert.Equal(double.Parse(memTotalKb, System.Globalization.CultureInfo.InvariantCulture) * 1024, mem.Points[0].Value);

        var requests = Series(archive, "file.requests", "app");
        Assert.Equal(("count", 120.0), (requests.Key.Unit, requests.Points[0].Value));
        Assert.Contains(new KeyValuePair<string, string>("service", "web"), requests.Key.Tags);
        Assert.Contains(new KeyValuePair<string, string>("file", stats), requests.Key.Tags);
        Assert.Equal(("bytes", 3072.0), (Series(archive, "file.queue", "app").Key.Unit, Series(archive, "file.queue", "app").Points[0].Value));
        Assert.Equal(("", 1.25), (Series(archive, "file.load.5m", "load").Key.Unit, Series(archive, "file.load.5m", "load").Points[0].Value));
        Assert.Equal(("count", 2000.0), (Series(archive, "file.load.milli", "load").Key.Unit, Series(archive, "file.load.milli", "load").Points[0].Value));
        Assert.Equal(0, ArchiveProbe.Points(archive, "file.absent", "app"));
    }

    [Fact]
    public async Task Example_ConfigMistakes_CheckNamesFileLineAndKey()
    {
        var plugin = await PluginBuilds.ExampleAsync().WaitAsync(BuildWait);
        using var dir = new TempDir();
        dir.Write("app.stats", "requests 1\n");
        var config = Configs.Write(
            dir,
            Block("typo", plugin, "    file app.stats\n    metrics requests requests count"),
            Block("unit", plugin, "    file app.stats\n    metric requests requests count\n    metric other requests furlongs"),
            Block("nofile", plugin, "    file no-such.stats\n    metric requests requests count"),
            Block("field", plugin, "    format fields\n    file app.stats\n    metric first one count"),
            Block("tag", plugin, "    file app.stats\n    metric requests requests count\n    tag nonsense"));
        var lines = File.ReadAllLines(config);
        int LineOf(string text) => Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal)) + 1;

        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={config}"], Long, Binaries.PluginHostEnvironment());

        Assert.True(code == 2, output);
        Assert.Contains($"{config}:{LineOf("metrics requests")}: unknown key 'metrics' for module {Type}, {plugin} in collector 'typo' (it accepts: ", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:{LineOf("furlongs")}: 'metric' other: unit 'furlongs' is not one of ms, days, bytes", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:{LineOf("no-such.stats")}: 'file' names {dir.File("no-such.stats")}, which does not exist", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:{LineOf("first one")}: 'metric' first: with format fields the source is a field number (1 is the first), not 'one'", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:{LineOf("tag nonsense")}: 'tag' takes KEY=VALUE, not 'nonsense'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private static Fathom.Core.Storage.SeriesPoints Series(string archive, string name, string collector)
    {
        using var reader = Fathom.Archive.ArchiveReader.Open(archive);
        return Assert.Single(reader.Query(name, [new("collector", collector)], long.MinValue, long.MaxValue));
    }
}
