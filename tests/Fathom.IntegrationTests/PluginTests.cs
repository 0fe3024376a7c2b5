namespace Fathom.IntegrationTests;

/// <summary>
/// A plugin assembly (tests/Fathom.TestPlugins' counter) runs in fathom-plugin-host, a collector
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
        var config = Configs.Write(dir, Counter("count", $"Fathom.TestPlugins.CounterCollector, {Binaries.TestPlugins}", "step 2"));
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
        var plugin = Binaries.TestPlugins;
        var core = Path.Combine(Path.GetDirectoryName(Binaries.PluginHost)!, "Fathom.Core.dll");
        var garbage = dir.File("Garbage.dll");
        File.WriteAllBytes(garbage, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))]);
        var config = Configs.Write(
            dir,
            Counter("missing", "Fathom.TestPlugins.CounterCollector, no/such/Plugin.dll"),
            Counter("notype", $"Fathom.TestPlugins.NoSuchCollector, {plugin}"),
            Counter("notcollector", $"Fathom.Core.Collectors.CollectorCatalog, {core}"),
            Counter("notcollector2", $"Fathom.TestPlugins.NotACollector, {plugin}"),
            Counter("noctor", $"Fathom.TestPlugins.NeedsArgumentCollector, {plugin}"),
            Counter("garbage", "Fathom.TestPlugins.CounterCollector, Garbage.dll"),
            Counter("badkey", $"Fathom.TestPlugins.CounterCollector, {plugin}", "step nonsense"));
        var lines = File.ReadAllLines(config);
        int LineOf(string text) => Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal)) + 1;

        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={config}"], Long, Binaries.PluginHostEnvironment());

        Assert.True(code == 2, output);
        Assert.Contains($"{config}:{LineOf("no/such/Plugin.dll")}: module assembly '{dir.File("no/such/Plugin.dll")}' does not exist", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:{LineOf("NoSuchCollector")}: type 'Fathom.TestPlugins.NoSuchCollector' not found", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:{LineOf("CollectorCatalog")}: type 'Fathom.Core.Collectors.CollectorCatalog' does not implement Fathom.Core.Collectors.ICollector", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:{LineOf("NotACollector")}: type 'Fathom.TestPlugins.NotACollector' does not implement Fathom.Core.Collectors.ICollector", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:{LineOf("NeedsArgumentCollector")}: type 'Fathom.TestPlugins.NeedsArgumentCollector' needs a public parameterless constructor", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:{LineOf("Garbage.dll")}: module assembly '{garbage}' is not a .NET assembly (not a valid PE file)", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:{LineOf("step nonsense")}: step must be a positive number, not 'nonsense'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_PluginBuiltForOtherAbstractionsMajor_ExitTwoNamingBothVersions()
    {
        var future = await PluginBuilds.FutureContractPluginAsync().WaitAsync(TimeSpan.FromMinutes(8));
        using var dir = new TempDir();
        var config = Configs.Write(dir, Counter("future", $"Fathom.Examples.FileMetrics.FileMetricsCollector, {future}", "file /proc/loadavg\n    metric load 1 count"));
        var line = Array.FindIndex(File.ReadAllLines(config), l => l.Contains("module ", StringComparison.Ordinal)) + 1;

        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={config}"], Long, Binaries.PluginHostEnvironment());

        Assert.True(code == 2, output);
        Assert.Contains($"{config}:{line}: module assembly '{future}' was built for Fathom.Abstractions 2.0, this fathomd has 1.0 (rebuild the plugin against Fathom.Abstractions 1.x, at most 1.0)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ValidPlugin_ExitZeroAndShownAsProcessIsolated()
    {
        using var dir = new TempDir();
        var config = Configs.Write(dir, Counter("count", $"Fathom.TestPlugins.CounterCollector, {Binaries.TestPlugins}"));
        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={config}"], Long, Binaries.PluginHostEnvironment());
        Assert.True(code == 0, output);
        Assert.Contains("isolation process", output, StringComparison.Ordinal);
    }
}
