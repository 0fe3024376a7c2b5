using Fathom.Core.Instrumentation;
using Fathom.Pcp.Mmv;
using Fathom.Pcp.Tests.Support;

namespace Fathom.Pcp.Tests;

public sealed class MmvWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SampleRegistry _sample = new("fathom");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Constructor_RegistryWithEveryType_ReaderReturnsEveryValue()
    {
        using var writer = new MmvWriter(_sample.Registry, _folder.Path);

        var file = MmvReader.Read(writer.Path);
        Assert.Equal((2, MmvFlags.Process, Environment.ProcessId, MmvWriter.DefaultCluster, writer.Generation), (file.Version, file.Flags, file.ProcessId, file.Cluster, file.Generation));
        Assert.Equal(_sample.Registry.Metrics.Select(m => m.Name), file.Metrics.Select(m => m.Name));
        Assert.Equal([10UL, 20UL, 18_000_000_000_000_000_000UL], Metric(file, "collector.runs").Values.Select(v => v.Value));
        Assert.Equal([-5, 0, 42], Metric(file, "collector.lateness").Values.Select(v => v.Value));
        Assert.Equal(["cpu", "disk io", "net"], Metric(file, "collector.lateness").Values.Select(v => v.Instance!.Value.Name));
        Assert.Equal(4_000_000_000u, Single(file, "cpu.total"));
        Assert.Equal(123_456UL, Single(file, "mem.rss"));
        Assert.Equal(-1_234_567_890_123L, Single(file, "clock.offset"));
        Assert.Equal(3.25, Single(file, "load"));
        Assert.Equal(0.5f, Single(file, "ratio"));
        Assert.Equal("fathom 1.2.3", Single(file, "version"));
        Assert.Equal(77u, Single(file, SampleRegistry.LongName));
        var total = Metric(file, "cpu.total");
        Assert.Equal((MmvMetricType.U32, MetricSemantics.Counter, MetricUnits.Milliseconds, "CPU time", "CPU time used by the daemon"), (total.Type, total.Semantics, total.Units, total.ShortHelp, total.LongHelp));
        Assert.Equal("fathom.cpu.total", file.FullName(total));
    }

    [Fact]
    public void Constructor_MissingFolder_CreatesItWithMode0755()
    {
        var folder = _folder.Combine("a", "b");

        using var writer = new MmvWriter(_sample.Registry, folder);

        Assert.True(File.Exists(Path.Combine(folder, "fathom")));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(folder));
        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(writer.Path));
    }

    [Fact]
    public void Constructor_FolderIsAFile_ThrowsIOExceptionNamingThePath()
    {
        var blocker = _folder.Combine("file");
        File.WriteAllText(blocker, "x");

        var e = Assert.Throws<IOException>(() => new MmvWriter(_sample.Registry, Path.Combine(blocker, "mmv")));

        Assert.Contains(Path.Combine(blocker, "mmv", "fathom"), e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder.Path, ".*"));
    }

    [Fact]
    public void Constructor_ClusterOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MmvWriter(_sample.Registry, _folder.Path, cluster: 4096));
    }

    [Fact]
    public void Update_SameLayout_WritesInPlaceKeepingGeneration()
    {
        using var writer = new MmvWriter(_sample.Registry, _folder.Path);
        var generation = writer.Generation;
        var inode = Inode(writer.Path);
        _sample.Rss.Set(1);
        _sample.Lateness.Set(int.MinValue, 2);
        _sample.Total.Set(uint.MaxValue);
        _sample.Version.SetString(new string('é', 300));

        writer.Update();

        var file = MmvReader.Read(writer.Path);
        Assert.Equal((generation, generation, inode), (writer.Generation, file.Generation, Inode(writer.Path)));
        Assert.Equal(1UL, Single(file, "mem.rss"));
        Assert.Equal(int.MinValue, Metric(file, "collector.lateness").Values[2].Value);
        Assert.Equal(uint.MaxValue, Single(file, "cpu.total"));
        Assert.Equal(new string('é', 127), Single(file, "version"));
    }

    [Fact]
    public void Update_NumericMetrics_DoesNotAllocate()
    {
        var registry = new MetricRegistry("numbers");
        var domain = registry.AddInstanceDomain([new(0, "a"), new(1, "b")], string.Empty, string.Empty);
        var metrics = Enum.GetValues<MetricType>().Where(t => t != MetricType.String)
            .Select(t => registry.Add(t.ToString(), t, MetricSemantics.Instant, MetricUnits.None, string.Empty, string.Empty, domain)).ToArray();
        using var writer = new MmvWriter(registry, _folder.Path);
        writer.Update();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            metrics[i % metrics.Length].Set(i, i % 2);
            writer.Update();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Update_LayoutChanged_RebuildsWithNewGenerationAndMetrics()
    {
        using var writer = new MmvWriter(_sample.Registry, _folder.Path);
        var generation = writer.Generation;

        _sample.Registry.Remove(m => m.Indom is not null);
        writer.Update();

        var file = MmvReader.Read(writer.Path);
        Assert.True(writer.Generation > generation);
        Assert.Equal(writer.Generation, file.Generation);
        Assert.Empty(file.InstanceDomains);
        Assert.DoesNotContain(file.Metrics, m => m.Name.StartsWith("collector.", StringComparison.Ordinal));
        Assert.Equal(4_000_000_000u, Single(file, "cpu.total"));
        Assert.Equal(["fathom"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Constructor_EmptyRegistry_WritesReadableFileWithoutMetrics()
    {
        using var writer = new MmvWriter(new MetricRegistry("empty"), _folder.Path);

        Assert.Empty(MmvReader.Read(writer.Path).Metrics);
    }

    [Fact]
    public void Constructor_NameLongerThanAString_ThrowsNamingTheMetric()
    {
        var registry = new MetricRegistry("x");
        registry.Add(new string('n', 256), MetricType.U32, MetricSemantics.Instant, MetricUnits.None, string.Empty, string.Empty);

        var e = Assert.Throws<InvalidOperationException>(() => new MmvWriter(registry, _folder.Path));

        Assert.Contains("nnnn", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_RemovesTheFile()
    {
        var writer = new MmvWriter(_sample.Registry, _folder.Path);

        writer.Dispose();

        Assert.False(File.Exists(writer.Path));
        Assert.Throws<ObjectDisposedException>(writer.Update);
    }

    [Fact]
    public void Dispose_FileReplacedByAnotherWriter_LeavesIt()
    {
        var first = new MmvWriter(_sample.Registry, _folder.Path);
        using var second = new MmvWriter(_sample.Registry, _folder.Path);

        first.Dispose();

        Assert.Equal(second.Generation, MmvReader.Read(second.Path).Generation);
    }

    private static MmvMetric Metric(MmvFile file, string name) => Assert.Single(file.Metrics, m => m.Name == name);

    private static object Single(MmvFile file, string name) => Assert.Single(Metric(file, name).Values).Value;

    private static long Inode(string path)
    {
        var result = Processes.Run("/usr/bin/stat", ["-c", "%i", path]);
        return long.Parse(result.Output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
