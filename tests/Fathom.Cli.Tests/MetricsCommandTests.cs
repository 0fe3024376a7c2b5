using System.Text.Json;
using Fathom.Core.Instrumentation;
using Fathom.Pcp.Mmv;
using Fathom.Pcp.Tests.Support;

namespace Fathom.Cli.Tests;

public sealed class MetricsCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Run_LibpcpFile_TableShowsPrefixedNamesTypesUnitsInstancesAndValues()
    {
        var path = LibpcpWriter.Write(_cli.Folder, "cwriter", labels: false);

        Assert.Equal(ExitCodes.Ok, _cli.Run("metrics", "--mmv", path));

        var lines = _cli.Console.OutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+TYPE\s+SEMANTICS\s+UNITS\s+INSTANCE\s+VALUE$", lines[0]);
        Assert.Equal(10, lines.Length);
        Assert.Contains(lines, l => Row(l, "cwriter.requests", "u32", "counter", "count", "-", "4000000000"));
        Assert.Contains(lines, l => Row(l, "cwriter.traffic", "u64", "counter", "Kbyte", "-", "18000000000000000000"));
        Assert.Contains(lines, l => Row(l, "cwriter.offset", "i64", "instant", "none", "-", "-1234567890123"));
        Assert.Contains(lines, l => Row(l, "cwriter.load", "double", "instant", "none", "-", "3.25"));
        Assert.Contains(lines, l => Row(l, "cwriter.ratio", "float", "instant", "none", "-", "0.5"));
        Assert.Contains(lines, l => Row(l, "cwriter.version", "string", "discrete", "none", "-", "mmv_writer 1.0"));
        Assert.Contains(lines, l => Row(l, "cwriter.latency", "i32", "instant", "millisec", "alpha", "-5"));
        Assert.Contains(lines, l => Row(l, "cwriter.latency", "i32", "instant", "millisec", "beta", "0"));
        Assert.Contains(lines, l => Row(l, "cwriter.latency", "i32", "instant", "millisec", "gamma", "42"));
        Assert.Empty(_cli.Console.ErrorText);
    }

    [Fact]
    public void Run_OurFileAsJson_ListsHeaderMetricsHelpAndTypedValues()
    {
        var registry = new MetricRegistry("fathom");
        var domain = registry.AddInstanceDomain([new(3, "ping"), new(4, "dns")], "Collectors", string.Empty);
        registry.Add("collector.runs", MetricType.U64, MetricSemantics.Counter, MetricUnits.Count, "Runs", "Runs per collector", domain).Set(9, 1);
        registry.Add("mem.rss", MetricType.U64, MetricSemantics.Instant, MetricUnits.KBytes, "RSS", string.Empty).Set(2048);
        registry.Add("version", MetricType.String, MetricSemantics.Discrete, MetricUnits.None, string.Empty, string.Empty).SetString("1.0");
        using var writer = new MmvWriter(registry, _cli.Folder, cluster: 12);

        Assert.Equal(ExitCodes.Ok, _cli.Run("metrics", "--mmv", writer.Path, "--format", "json"));

        using var json = JsonDocument.Parse(_cli.Console.OutText);
        var root = json.RootElement;
        Assert.Equal((2, 12, Environment.ProcessId), (root.GetProperty("version").GetInt32(), root.GetProperty("cluster").GetInt32(), root.GetProperty("pid").GetInt32()));
        Assert.Equal(writer.Generation, root.GetProperty("generation").GetUInt64());
        Assert.Equal(["process"], root.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        var metrics = root.GetProperty("metrics").EnumerateArray().ToArray();
        Assert.Equal(["fathom.collector.runs", "fathom.mem.rss", "fathom.version"], metrics.Select(m => m.GetProperty("name").GetString()));
        var runs = metrics[0];
        Assert.Equal(("u64", "counter", "count", 1), (runs.GetProperty("type").GetString(), runs.GetProperty("semantics").GetString(), runs.GetProperty("units").GetString(), runs.GetProperty("indom").GetInt32()));
        Assert.Equal(("Runs", "Runs per collector"), (runs.GetProperty("shortHelp").GetString(), runs.GetProperty("longHelp").GetString()));
        Assert.Equal([(3, "ping", 0UL), (4, "dns", 9UL)], runs.GetProperty("values").EnumerateArray().Select(v => (v.GetProperty("instanceId").GetInt32(), v.GetProperty("instance").GetString(), v.GetProperty("value").GetUInt64())));
        Assert.Equal("Kbyte", metrics[1].GetProperty("units").GetString());
        Assert.Equal(JsonValueKind.Null, metrics[1].GetProperty("indom").ValueKind);
        Assert.Equal(2048UL, metrics[1].GetProperty("values")[0].GetProperty("value").GetUInt64());
        Assert.Equal("1.0", metrics[2].GetProperty("values")[0].GetProperty("value").GetString());
    }

    [Fact]
    public void Run_NoPrefixFlag_NamesHaveNoFilePrefix()
    {
        var registry = new MetricRegistry("fathom");
        registry.Add("up", MetricType.U32, MetricSemantics.Instant, MetricUnits.None, string.Empty, string.Empty).Set(1);
        using var writer = new MmvWriter(registry, _cli.Folder, flags: MmvFlags.NoPrefix | MmvFlags.Process);

        Assert.Equal(ExitCodes.Ok, _cli.Run("metrics", "--mmv", writer.Path));

        Assert.Matches(@"\nup\s+u32\s+instant\s+none\s+-\s+1\n", _cli.Console.OutText);
    }

    [Fact]
    public void Run_MalformedFile_OneLineErrorAndExit2()
    {
        var path = Path.Combine(_cli.Folder, "broken");
        File.WriteAllBytes(path, [(byte)'M', (byte)'M', (byte)'V', 0, 9, 0, 0, 0, .. new byte[40]]);

        Assert.Equal(ExitCodes.Usage, _cli.Run("metrics", "--mmv", path));

        Assert.Equal($"fathom: {path}: unsupported MMV version 9 (1, 2 and 3 are known)\n", _cli.Console.ErrorText);
        Assert.Empty(_cli.Console.OutText);
    }

    [Fact]
    public void Run_TruncatedFile_OneLineErrorAndExit2()
    {
        var registry = new MetricRegistry("fathom");
        registry.Add("up", MetricType.U32, MetricSemantics.Instant, MetricUnits.None, string.Empty, string.Empty);
        string path;
        using (var writer = new MmvWriter(registry, _cli.Folder))
        {
            path = Path.Combine(_cli.Folder, "cut");
            File.WriteAllBytes(path, File.ReadAllBytes(writer.Path)[..100]);
        }

        Assert.Equal(ExitCodes.Usage, _cli.Run("metrics", "--mmv", path));

        Assert.Matches($"^fathom: {path}: TOC\\[\\d\\] \\(\\w+\\): .* beyond the file's 100 bytes\n$", _cli.Console.ErrorText);
    }

    [Theory]
    [InlineData(new[] { "metrics" }, "fathom: metrics needs --mmv FILE\n")]
    [InlineData(new[] { "metrics", "--mmv", "/nonexistent/fathom" }, "fathom: /nonexistent/fathom: no such MMV file\n")]
    [InlineData(new[] { "metrics", "--mmv", "x", "--format", "csv" }, "fathom: --format: 'csv' is not one of table, json\n")]
    public void Run_BadInvocation_OneLineErrorAndExit2(string[] args, string error)
    {
        Assert.Equal(ExitCodes.Usage, _cli.Run(args));

        Assert.Equal(error, _cli.Console.ErrorText);
    }

    [Fact]
    public void Run_Help_ListsMetricsCommand()
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run("help"));

        Assert.Contains("  metrics", _cli.Console.OutText, StringComparison.Ordinal);
    }

    private static bool Row(string line, params string[] cells) =>
        System.Text.RegularExpressions.Regex.IsMatch(line, "^" + string.Join(@"\s+", cells.Select(System.Text.RegularExpressions.Regex.Escape)) + "$");
}
