using System.Diagnostics;
using Fathom.Pcp.Mmv;
using Fathom.Pcp.Tests.Support;

namespace Fathom.Pcp.Tests;

/// <summary>Our writer's files served by a real pmcd with the mmv PMDA, read with pminfo.</summary>
public sealed class MmvWriterPmcdTests : IClassFixture<PmcdFixture>, IDisposable
{
    private readonly PmcdFixture _pmcd;
    private readonly SampleRegistry _sample;
    private readonly MmvWriter _writer;

    public MmvWriterPmcdTests(PmcdFixture pmcd)
    {
        _pmcd = pmcd;
        _sample = new SampleRegistry("fathom" + Guid.NewGuid().ToString("N")[..8]);
        _writer = new MmvWriter(_sample.Registry, pmcd.MmvDirectory);
    }

    private string Prefix => "mmv." + _sample.Registry.Name;

    public void Dispose() => _writer.Dispose();

    [Fact]
    public void Pminfo_WrittenValues_ShowsThem()
    {
        var text = Fetch(t => t.Contains("value 4000000000", StringComparison.Ordinal), $"{Prefix}.cpu.total", $"{Prefix}.collector.runs", $"{Prefix}.version", $"{Prefix}.{SampleRegistry.LongName}", $"{Prefix}.clock.offset", $"{Prefix}.ratio");

        Assert.Contains($"{Prefix}.cpu.total\n    value 4000000000\n", text, StringComparison.Ordinal);
        Assert.Contains("    inst [1 or \"disk io\"] value 20\n", text, StringComparison.Ordinal);
        Assert.Contains("    inst [5 or \"net\"] value 18000000000000000000\n", text, StringComparison.Ordinal);
        Assert.Contains($"{Prefix}.version\n    value \"fathom 1.2.3\"\n", text, StringComparison.Ordinal);
        Assert.Contains($"{Prefix}.{SampleRegistry.LongName}\n    value 77\n", text, StringComparison.Ordinal);
        Assert.Contains($"{Prefix}.clock.offset\n    value -1234567890123\n", text, StringComparison.Ordinal);
        Assert.Contains($"{Prefix}.ratio\n    value 0.5\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pminfo_Descriptions_ShowTypeSemanticsUnitsAndHelp()
    {
        var text = _pmcd.PollPmInfo(t => t.Contains("Data Type", StringComparison.Ordinal), "-d", "-T", $"{Prefix}.mem.rss", $"{Prefix}.collector.lateness");

        Assert.Contains("Data Type: 64-bit unsigned int  InDom: PM_INDOM_NULL", text, StringComparison.Ordinal);
        Assert.Contains("Semantics: instant  Units: Kbyte", text, StringComparison.Ordinal);
        Assert.Contains("Resident set size", text, StringComparison.Ordinal);
        Assert.Contains("Data Type: 32-bit int  InDom: 70.", text, StringComparison.Ordinal);
        Assert.Contains("Semantics: instant  Units: millisec", text, StringComparison.Ordinal);
        Assert.Contains("How late the last run started, in ms", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pminfo_AfterUpdate_ShowsNewValue()
    {
        Fetch(t => t.Contains("value 4000000000", StringComparison.Ordinal), $"{Prefix}.cpu.total");
        _sample.Total.Set(4_000_000_001L);
        _sample.Version.SetString("fathom 9");

        _writer.Update();

        var text = Fetch(t => t.Contains("value 4000000001", StringComparison.Ordinal), $"{Prefix}.cpu.total", $"{Prefix}.version");
        Assert.Contains("value 4000000001\n", text, StringComparison.Ordinal);
        Assert.Contains("value \"fathom 9\"\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pminfo_AfterRebuild_ShowsAddedMetric()
    {
        Fetch(t => t.Contains("value 4000000000", StringComparison.Ordinal), $"{Prefix}.cpu.total");
        _sample.Registry.Add("added", Core.Instrumentation.MetricType.I64, Core.Instrumentation.MetricSemantics.Instant, Core.Instrumentation.MetricUnits.None, string.Empty, string.Empty).Set(-8);

        _writer.Update();

        var text = Fetch(t => t.Contains("value -8", StringComparison.Ordinal), $"{Prefix}.added");
        Assert.Contains($"{Prefix}.added\n    value -8\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pminfo_FileOfExitedProcess_DropsItsValues()
    {
        // pmdammv reads the pid when it maps a file, so a copy of the file is served first as is
        // and then replaced by one claiming a process that has exited, as if the daemon had died.
        var sample = new SampleRegistry("fathomdead" + Guid.NewGuid().ToString("N")[..8]);
        var prefix = "mmv." + sample.Registry.Name;
        using var staging = new TempFolder();
        using var writer = new MmvWriter(sample.Registry, staging.Path);
        var served = Path.Combine(_pmcd.MmvDirectory, sample.Registry.Name);
        try
        {
            Serve(writer.Path, served);
            var alive = _pmcd.PollPmInfo(t => t.Contains("value 4000000000", StringComparison.Ordinal), "-f", prefix + ".cpu.total");
            Assert.Contains("value 4000000000", alive, StringComparison.Ordinal);

            using (var gone = Process.Start(Processes.Info("/bin/true", [])))
            {
                gone!.WaitForExit();
                PatchPid(writer.Path, gone.Id);
            }

            Serve(writer.Path, served);
            var dead = _pmcd.PollPmInfo(t => !t.Contains("value 4000000000", StringComparison.Ordinal), "-f", prefix + ".cpu.total");
            Assert.DoesNotContain("value", dead, StringComparison.Ordinal);
            Assert.Matches("Unknown metric name|No value", dead);
        }
        finally
        {
            File.Delete(served);
        }
    }

    [Fact]
    public void Pminfo_AfterDispose_MetricsAreGone()
    {
        Fetch(t => t.Contains("value 4000000000", StringComparison.Ordinal), $"{Prefix}.cpu.total");

        _writer.Dispose();

        Assert.False(File.Exists(_writer.Path));
        var text = _pmcd.PollPmInfo(t => t.Contains("Unknown metric name", StringComparison.Ordinal), "-f", $"{Prefix}.cpu.total");
        Assert.Contains("Unknown metric name", text, StringComparison.Ordinal);
    }

    private string Fetch(Func<string, bool> done, params string[] metrics) => _pmcd.PollPmInfo(done, ["-f", .. metrics]);

    /// <summary>Copies a file into the PMDA's folder with a rename, as writers do (pmdammv skips dot files).</summary>
    private static void Serve(string source, string served)
    {
        var temp = Path.Combine(Path.GetDirectoryName(served)!, "." + Path.GetFileName(served));
        File.Copy(source, temp, overwrite: true);
        File.Move(temp, served, overwrite: true);
    }

    /// <summary>Makes the file claim a process that has exited, as if the daemon had died.</summary>
    private static void PatchPid(string path, int pid)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        stream.Position = 32;
        stream.Write(BitConverter.GetBytes(pid));
    }
}
