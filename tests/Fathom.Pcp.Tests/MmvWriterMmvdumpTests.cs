using System.Text.RegularExpressions;
using Fathom.Pcp.Mmv;
using Fathom.Pcp.Tests.Support;

namespace Fathom.Pcp.Tests;

/// <summary>Our writer's files as PCP's own mmvdump sees them.</summary>
public sealed class MmvWriterMmvdumpTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SampleRegistry _sample = new("fathom");
    private readonly MmvWriter _writer;

    public MmvWriterMmvdumpTests() => _writer = new MmvWriter(_sample.Registry, _folder.Path, cluster: 321);

    public void Dispose()
    {
        _writer.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Write_Header_MmvdumpShowsVersion2OurPidProcessFlagAndCluster()
    {
        var dump = Dump();

        Assert.Contains("Version    = 2\n", dump, StringComparison.Ordinal);
        Assert.Contains($"Generated  = {_writer.Generation}\n", dump, StringComparison.Ordinal);
        Assert.Contains($"Process    = {Environment.ProcessId}\n", dump, StringComparison.Ordinal);
        Assert.Contains("Cluster    = 321\n", dump, StringComparison.Ordinal);
        Assert.Contains("Flags      = 0x2 (process)", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("Mismatched", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("Bad", dump, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("collector.runs", "64-bit unsigned int (0x3)", "counter (0x1)", "count", "Collector runs", "Runs of each collector since start")]
    [InlineData("collector.lateness", "32-bit int (0x0)", "instant (0x3)", "millisec", "Last run lateness", "How late the last run started, in ms")]
    [InlineData("cpu.total", "32-bit unsigned int (0x1)", "counter (0x1)", "millisec", "CPU time", "CPU time used by the daemon")]
    [InlineData("mem.rss", "64-bit unsigned int (0x3)", "instant (0x3)", "Kbyte", "Resident memory", "Resident set size")]
    [InlineData("clock.offset", "64-bit int (0x2)", "instant (0x3)", "microsec", "Clock offset", null)]
    [InlineData("load", "double (0x5)", "instant (0x3)", "", null, null)]
    [InlineData("ratio", "float (0x4)", "instant (0x3)", "", "A ratio", null)]
    [InlineData("version", "string (0x6)", "discrete (0x4)", "", "Daemon version", "The running daemon's version")]
    [InlineData(SampleRegistry.LongName, "32-bit unsigned int (0x1)", "instant (0x3)", "", "Long name", null)]
    public void Write_Metric_MmvdumpShowsTypeSemanticsUnitsAndHelp(string name, string type, string semantics, string units, string? shortHelp, string? longHelp)
    {
        var block = MetricBlock(Dump(), name);

        Assert.Contains($"type={type}, sem={semantics}, pad=0x0\n", block, StringComparison.Ordinal);
        Assert.Contains($"units={units}\n", block, StringComparison.Ordinal);
        Assert.Contains(shortHelp is null ? "(no shorttext)" : $"shorttext={shortHelp}\n", block, StringComparison.Ordinal);
        Assert.Contains(longHelp is null ? "(no helptext)" : $"helptext={longHelp}\n", block, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_IndomMetrics_MmvdumpShowsDomainInstancesAndPerInstanceValues()
    {
        var dump = Dump();

        Assert.Contains($"  [{_sample.Collectors.Serial}/", dump, StringComparison.Ordinal);
        Assert.Contains("] 3 instances, starting at offset", dump, StringComparison.Ordinal);
        Assert.Contains("shorttext=Collectors\n", dump, StringComparison.Ordinal);
        Assert.Contains("helptext=One instance per configured collector\n", dump, StringComparison.Ordinal);
        Assert.Contains("instance = [1 or \"disk io\"]", dump, StringComparison.Ordinal);
        Assert.Contains($"indom={_sample.Collectors.Serial}\n", MetricBlock(dump, "collector.runs"), StringComparison.Ordinal);
        Assert.Contains("(no indom)", MetricBlock(dump, "cpu.total"), StringComparison.Ordinal);
        Assert.Contains("collector.runs[0 or \"cpu\"] = 10\n", dump, StringComparison.Ordinal);
        Assert.Contains("collector.runs[1 or \"disk io\"] = 20\n", dump, StringComparison.Ordinal);
        Assert.Contains("collector.runs[5 or \"net\"] = 18000000000000000000\n", dump, StringComparison.Ordinal);
        Assert.Contains("collector.lateness[0 or \"cpu\"] = -5\n", dump, StringComparison.Ordinal);
        Assert.Contains("collector.lateness[5 or \"net\"] = 42\n", dump, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ScalarValues_MmvdumpShowsThemAtTheirWidths()
    {
        var dump = Dump();

        Assert.Contains("] cpu.total = 4000000000\n", dump, StringComparison.Ordinal);
        Assert.Contains("] mem.rss = 123456\n", dump, StringComparison.Ordinal);
        Assert.Contains("] clock.offset = -1234567890123\n", dump, StringComparison.Ordinal);
        Assert.Contains("] load = 3.250000\n", dump, StringComparison.Ordinal);
        Assert.Contains("] ratio = 0.500000\n", dump, StringComparison.Ordinal);
        Assert.Contains("] version = \"fathom 1.2.3\"\n", dump, StringComparison.Ordinal);
        Assert.Contains($"] {SampleRegistry.LongName} = 77\n", dump, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_NewValues_MmvdumpShowsThem()
    {
        _sample.Total.Set(7);
        _sample.Lateness.Set(-100, 1);
        _sample.Version.SetString("fathom 2.0 – ünïcode");
        _sample.Ratio.Set(-1.5);
        var generation = _writer.Generation;

        _writer.Update();

        var dump = Dump();
        Assert.Equal(generation, _writer.Generation);
        Assert.Contains("] cpu.total = 7\n", dump, StringComparison.Ordinal);
        Assert.Contains("collector.lateness[1 or \"disk io\"] = -100\n", dump, StringComparison.Ordinal);
        Assert.Contains("] version = \"fathom 2.0 – ünïcode\"\n", dump, StringComparison.Ordinal);
        Assert.Contains("] ratio = -1.500000\n", dump, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_MetricAdded_MmvdumpShowsRebuiltFileWithIt()
    {
        var added = _sample.Registry.Add("added.later", Core.Instrumentation.MetricType.U32, Core.Instrumentation.MetricSemantics.Instant, Core.Instrumentation.MetricUnits.Bytes, "Added", string.Empty);
        added.Set(99);

        _writer.Update();

        var dump = Dump();
        Assert.Contains($"Generated  = {_writer.Generation}\n", dump, StringComparison.Ordinal);
        Assert.Contains("] added.later = 99\n", dump, StringComparison.Ordinal);
        Assert.Contains("units=byte\n", MetricBlock(dump, "added.later"), StringComparison.Ordinal);
    }

    private string Dump()
    {
        var result = Processes.Run(PcpTools.MmvDump, [_writer.Path]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output;
    }

    /// <summary>The lines mmvdump prints for one metric definition: "[item/offset] name" and the indented lines after it.</summary>
    private static string MetricBlock(string dump, string name)
    {
        var match = Regex.Match(dump, @"^  \[\d+/\d+\] " + Regex.Escape(name) + @"\n((?:       .*\n)+)", RegexOptions.Multiline);
        Assert.True(match.Success, $"no metric {name} in:\n{dump}");
        return match.Groups[1].Value;
    }
}
