namespace Fathom.IntegrationTests;

/// <summary>
/// A plugin assembly (examples/plugins/CounterPlugin) runs in fathom-plugin-host, a collector
/// child of the daemon under test (NativeAOT with FATHOM_BIN_DIR), and its mistakes are
/// configuration errors with file:line in --check.
/// </summary>
public sealed class PluginTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    private static string Counter(string id, string module, string extra = "") => $"""
        <collector {id}>
            module {module}
            collection_interval 0.2
            {extra}
        </collector>
        """;

    [Fact]
    public async Task Plugin_RunByDaemon_SamplesReachArchiveFromPluginHostChild()
    {
        using var dir = new TempDir();
        var config = Configs.Write(dir, Counter("count", $"Fathom.Examples.CounterCollector, {Binaries.CounterPlugin}", "step 2"));
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"], Binaries.PluginHostEnvironment());
        await daemon.WaitForOutputAsync("ready");

        var child = (await Wait.ForAsync(() => ProcTable.WithCommandPrefix("fathomd: collector count") is { Count: 1 } l ? l : null, Long, $"the plugin's child:\n{daemon.Output}"))[0];
        Assert.Equal(daemon.Pid, ProcTable.Stat(child)?.Parent);
        Assert.Equal("fathom-plugin-host", Path.GetFileName(new FileInfo($"/proc/{child}/exe").LinkTarget));
        Assert.Contains("isolation process", daemon.Output, StringComparison.Ordinal);

        await Wait.UntilAsync(() => ArchiveProbe.Points(dir.File("archive.db"), "counter.value", "count") >= 3, Long, $"three counter.value points:\n{daemon.Output}");
        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        Assert.False(ProcTable.Exists(child), "the plugin host stops with the daemon");

        var points = StoredPoints.Of(dir.File("archive.db"), "counter.value", "count");
        Assert.Equal([2.0, 4.0, 6.0], points.Take(3).Select(p => p.Value));
    }

    [Fact]
    public async Task Check_PluginMistakes_ExitTwoWithFileAndLine()
    {
        using var dir = new TempDir();
        var plugin = Binaries.CounterPlugin;
        var core = Path.Combine(Path.GetDirectoryName(Binaries.PluginHost)!, "Fathom.Core.dll");
        var config = Configs.Write(
            dir,
            Counter("missing", "Fathom.Examples.CounterCollector, no/such/Plugin.dll"),
            Counter("notype", $"Fathom.Examples.NoSuchCollector, {plugin}"),
            Counter("notcollector", $"Fathom.Core.Collectors.CollectorCatalog, {core}"),
            Counter("badkey", $"Fathom.Examples.CounterCollector, {plugin}", "step nonsense"));
        var lines = File.ReadAllLines(config);
        int LineOf(string text) => Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal)) + 1;

        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={config}"], Long, Binaries.PluginHostEnvironment());

        Assert.True(code == 2, output);
        Assert.Contains($"{config}:{LineOf("no/such/Plugin.dll")}: module assembly '{dir.File("no/such/Plugin.dll")}' does not exist", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:{LineOf("NoSuchCollector")}: type 'Fathom.Examples.NoSuchCollector' not found", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:{LineOf("CollectorCatalog")}: type 'Fathom.Core.Collectors.CollectorCatalog' does not implement Fathom.Core.Collectors.ICollector", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:{LineOf("step nonsense")}: step must be a positive number, not 'nonsense'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ValidPlugin_ExitZeroAndShownAsProcessIsolated()
    {
        using var dir = new TempDir();
        var config = Configs.Write(dir, Counter("count", $"Fathom.Examples.CounterCollector, {Binaries.CounterPlugin}"));
        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={config}"], Long, Binaries.PluginHostEnvironment());
        Assert.True(code == 0, output);
        Assert.Contains("isolation process", output, StringComparison.Ordinal);
    }
}
