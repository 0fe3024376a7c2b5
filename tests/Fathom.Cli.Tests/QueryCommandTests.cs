using System.Text.Json;
using Fathom.Core.Measurements;
using static Fathom.Cli.Tests.CliHarness;

namespace Fathom.Cli.Tests;

public sealed class QueryCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Run_JsonFormat_PrintsOneElementPerSeriesWithTimesAndValues()
    {
        var a = Key("rtt", "ms", ("target", "a"));
        var b = Key("rtt", "ms", ("target", "b"));
        _cli.Write(new Sample(a, NowNs - (10 * Second) + 123_000_000, 1.5), new Sample(a, NowNs, 2), new Sample(b, NowNs - Second, 7.25));

        var code = _cli.Run("query", "--name", "rtt", "--format", "json");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Empty(_cli.Console.ErrorText);
        using var json = JsonDocument.Parse(_cli.Console.OutText);
        var series = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, series.Length);
        Assert.Equal(["name", "tags", "unit", "points"], series[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("rtt", series[0].GetProperty("name").GetString());
        Assert.Equal("ms", series[0].GetProperty("unit").GetString());
        Assert.Equal("a", series[0].GetProperty("tags").GetProperty("target").GetString());
        var points = series[0].GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal(["time", "value"], points[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            [("2026-11-21T09:59:50.123Z", 1.5), ("2026-11-21T10:00:00Z", 2.0)],
            points.Select(p => (p.GetProperty("time").GetString(), p.GetProperty("value").GetDouble())));
        Assert.Equal("b", series[1].GetProperty("tags").GetProperty("target").GetString());
        Assert.Equal(7.25, Assert.Single(series[1].GetProperty("points").EnumerateArray()).GetProperty("value").GetDouble());
    }

    [Fact]
    public void Run_JsonFormatNoMatchingSeries_PrintsEmptyArray()
    {
        _cli.Write(new Sample(Key("rtt", "ms"), NowNs, 1));

        Assert.Equal(ExitCodes.Ok, _cli.Run("query", "--name=loss", "--format=json"));

        using var json = JsonDocument.Parse(_cli.Console.OutText);
        Assert.Equal(0, json.RootElement.GetArrayLength());
    }

    [Fact]
    public void Run_NaNValue_PrintsJsonNull()
    {
        _cli.Write(new Sample(Key("jitter", "ms"), NowNs, double.NaN));

        Assert.Equal(ExitCodes.Ok, _cli.Run("query", "--name", "jitter", "--format", "json"));

        using var json = JsonDocument.Parse(_cli.Console.OutText);
        Assert.Equal(JsonValueKind.Null, json.RootElement[0].GetProperty("points")[0].GetProperty("value").ValueKind);
    }

    [Fact]
    public void Run_TagFilters_KeepOnlySeriesWithAllGivenTags()
    {
        _cli.Write(
            new Sample(Key("rtt", "ms", ("target", "a"), ("af", "4")), NowNs, 1),
            new Sample(Key("rtt", "ms", ("target", "a"), ("af", "6")), NowNs, 2),
            new Sample(Key("rtt", "ms", ("target", "b"), ("af", "4")), NowNs, 3));

        Assert.Equal(ExitCodes.Ok, _cli.Run("query", "--name", "rtt", "--tag", "target=a", "--tag=af=6", "--format", "json"));

        using var json = JsonDocument.Parse(_cli.Console.OutText);
        var only = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(2, only.GetProperty("points")[0].GetProperty("value").GetDouble());
    }

    [Fact]
    public void Run_DefaultRange_IsTheLastHourUpToNow()
    {
        var key = Key("rtt", "ms");
        _cli.Write(
            new Sample(key, NowNs - (2 * 3600 * Second), 1),
            new Sample(key, NowNs - (3600 * Second), 2),
            new Sample(key, NowNs - (30 * 60 * Second), 3),
            new Sample(key, NowNs, 4),
            new Sample(key, NowNs + Second, 5));

        Assert.Equal(ExitCodes.Ok, _cli.Run("query", "--name", "rtt", "--format", "csv"));

        Assert.Equal(["2", "3", "4"], CsvValues(_cli.Console.OutText));
    }

    [Fact]
    public void Run_RelativeFromAfterClockMoves_FollowsInjectedClock()
    {
        var key = Key("rtt", "ms");
        _cli.Write(new Sample(key, NowNs, 1), new Sample(key, NowNs + (20 * 60 * Second), 2));
        _cli.Time.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(ExitCodes.Ok, _cli.Run("query", "--name", "rtt", "--from", "-15m", "--format", "csv"));

        Assert.Equal(["2"], CsvValues(_cli.Console.OutText));
    }

    [Fact]
    public void Run_Rfc3339RangeWithOffset_IncludesBothEnds()
    {
        var key = Key("rtt", "ms");
        _cli.Write(
            new Sample(key, NowNs - (2 * Second), 1),
            new Sample(key, NowNs - Second, 2),
            new Sample(key, NowNs, 3),
            new Sample(key, NowNs + Second, 4));

        var code = _cli.Run("query", "--name", "rtt", "--from", "2026-11-21T10:59:59+01:00", "--to", "2026-11-21T10:00:00.000Z", "--format", "csv");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(["2", "3"], CsvValues(_cli.Console.OutText));
    }

    [Fact]
    public void Run_CsvFormat_WritesHeaderAndQuotesFieldsWithCommas()
    {
        _cli.Write(new Sample(Key("rtt", "ms", ("target", "a \"b\""), ("af", "4")), NowNs, 0.25));

        Assert.Equal(ExitCodes.Ok, _cli.Run("query", "--name", "rtt", "--format", "csv"));

        Assert.Equal(
            "time,name,tags,unit,value\n2026-11-21T10:00:00Z,rtt,\"af=4,target=a \"\"b\"\"\",ms,0.25\n",
            _cli.Console.OutText);
    }

    [Fact]
    public void Run_TableFormat_PrintsAlignedTimeSeriesValueColumnsInTimeOrder()
    {
        _cli.Write(
            new Sample(Key("rtt", "ms", ("target", "long-target-name")), NowNs, 12.5),
            new Sample(Key("rtt", "ms", ("target", "b")), NowNs - Second, 3));

        Assert.Equal(ExitCodes.Ok, _cli.Run("query", "--name", "rtt"));

        var lines = _cli.Console.OutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("TIME", lines[0], StringComparison.Ordinal);
        Assert.Contains("2026-11-21T09:59:59Z  rtt{target=b}", lines[1], StringComparison.Ordinal);
        Assert.Contains("2026-11-21T10:00:00Z  rtt{target=long-target-name}", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("3 ms", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("12.5 ms", lines[2], StringComparison.Ordinal);
        Assert.Equal(lines[0].IndexOf("SERIES", StringComparison.Ordinal), lines[1].IndexOf("rtt", StringComparison.Ordinal));
        Assert.Equal(lines[1].Length, lines[2].Length);
    }

    [Theory]
    [InlineData(new[] { "query" }, "query needs --name NAME; see 'fathom series' for the names")]
    [InlineData(new[] { "query", "--name", "rtt", "--from", "yesterday" }, "--from: 'yesterday' is not a time: use RFC 3339 or -1h")]
    [InlineData(new[] { "query", "--name", "rtt", "--to=2026-02-30T00:00:00Z" }, "--to: '2026-02-30T00:00:00Z' is not a time: use RFC 3339 or -1h")]
    [InlineData(new[] { "query", "--name", "rtt", "--tag", "target" }, "--tag: 'target' is not key=value")]
    [InlineData(new[] { "query", "--name", "rtt", "--tag", "=a" }, "--tag: '=a' is not key=value")]
    [InlineData(new[] { "query", "--name", "rtt", "--format", "xml" }, "--format: 'xml' is not one of table, json, csv")]
    [InlineData(new[] { "query", "--name", "rtt", "--colour" }, "unknown option '--colour' for 'query'; see 'fathom help query'")]
    [InlineData(new[] { "query", "--name" }, "option --name needs a value (NAME)")]
    [InlineData(new[] { "query", "--name", "a", "--name", "b" }, "option --name is given more than once")]
    [InlineData(new[] { "query", "--name", "rtt", "extra" }, "unexpected argument 'extra' for 'query'; see 'fathom help query'")]
    [InlineData(new[] { "query", "--name", "rtt", "--from", "-1h", "--to", "-2h" }, "--from (2026-11-21T09:00:00Z) is after --to (2026-11-21T08:00:00Z)")]
    public void Run_BadInput_PrintsOneLineAndExitsWithUsage(string[] args, string message)
    {
        _cli.Write(new Sample(Key("rtt", "ms"), NowNs, 1));

        var code = _cli.Run(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal($"fathom: {message}\n", _cli.Console.ErrorText);
        Assert.Empty(_cli.Console.OutText);
    }

    [Fact]
    public void Run_MissingArchive_SaysSoAndExitsWithUsage()
    {
        var missing = Path.Combine(_cli.Folder, "nope.db");

        var code = _cli.Run("query", "--archive", missing, "--name", "rtt");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal($"fathom: no archive at {missing}\n", _cli.Console.ErrorText);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void Run_FileThatIsNotAnArchive_SaysSoAndExitsWithUsage()
    {
        var notes = Path.Combine(_cli.Folder, "notes.txt");
        File.WriteAllText(notes, "just some text, clearly not an SQLite database of any kind at all\n");

        var code = _cli.Run("query", $"--archive={notes}", "--name", "rtt");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith($"fathom: {notes} is not a Fathom archive", _cli.Console.ErrorText, StringComparison.Ordinal);
        Assert.Single(_cli.Console.ErrorText.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string[] CsvValues(string csv) =>
        [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line[(line.LastIndexOf(',') + 1)..])];

    [Fact]
    public void Run_StepAndAggregation_PrintsOneRowPerBucket()
    {
        var a = Key("rtt", "ms", ("target", "a"));
        _cli.Write(
            new Sample(a, NowNs - (150 * Second), 1),
            new Sample(a, NowNs - (130 * Second), 5),
            new Sample(a, NowNs - (20 * Second), 2),
            new Sample(a, NowNs - (10 * Second), double.NaN),
            new Sample(a, NowNs, 9));

        Assert.Equal(ExitCodes.Ok, _cli.Run("query", "--name", "rt*", "--from", "-5m", "--step", "1m", "--agg", "max", "--format", "csv"));

        Assert.Equal(
            "time,name,tags,unit,value\n2026-11-21T09:57:00Z,rtt,target=a,ms,5\n2026-11-21T09:59:00Z,rtt,target=a,ms,2\n2026-11-21T10:00:00Z,rtt,target=a,ms,9\n",
            _cli.Console.OutText.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("table")]
    public void Run_AggregationCount_UnitIsCountNotTheSeriesUnit(string format)
    {
        var loss = Key("ping.loss", "percent");
        _cli.Write(new Sample(loss, NowNs - (40 * Second), 10), new Sample(loss, NowNs - (30 * Second), 20), new Sample(loss, NowNs - (20 * Second), 0));

        Assert.Equal(ExitCodes.Ok, _cli.Run("query", "--name", "ping.loss", "--step", "1h", "--agg", "count", "--format", format));

        var output = _cli.Console.OutText.ReplaceLineEndings("\n");
        Assert.DoesNotContain("percent", output, StringComparison.Ordinal);
        switch (format)
        {
            case "csv":
                Assert.Equal("time,name,tags,unit,value\n2026-11-21T09:00:00Z,ping.loss,,count,3\n", output);
                break;
            case "json":
                using (var json = JsonDocument.Parse(output))
                {
                    Assert.Equal(Units.Count, json.RootElement[0].GetProperty("unit").GetString());
                }

                break;
            default:
                Assert.Contains("3 count", output, StringComparison.Ordinal);
                break;
        }
    }

    [Fact]
    public void Run_StepWithoutAggregation_Averages()
    {
        var a = Key("rtt", "ms");
        _cli.Write(new Sample(a, NowNs - (40 * Second), 1), new Sample(a, NowNs - (30 * Second), 2), new Sample(a, NowNs - (20 * Second), 6));

        Assert.Equal(ExitCodes.Ok, _cli.Run("query", "--name", "rtt", "--step", "1h", "--format", "json"));

        using var json = JsonDocument.Parse(_cli.Console.OutText);
        var point = Assert.Single(json.RootElement[0].GetProperty("points").EnumerateArray());
        Assert.Equal(("2026-11-21T09:00:00Z", 3.0), (point.GetProperty("time").GetString(), point.GetProperty("value").GetDouble()));
    }

    [Theory]
    [InlineData("--agg", "max", "--agg needs --step")]
    [InlineData("--step", "soon", "--step: 'soon' is not a duration")]
    [InlineData("--step", "0s", "--step: '0s' is not a duration")]
    [InlineData("--step=1m --agg", "median", "--agg: unknown aggregation 'median' (known: avg, min, max, sum, count, last)")]
    public void Run_BadStepOrAggregation_UsageError(string option, string value, string message)
    {
        _cli.Write(new Sample(Key("rtt", "ms"), NowNs, 1));
        string[] args = ["query", "--name", "rtt", .. option.Split(' '), value];

        Assert.Equal(ExitCodes.Usage, _cli.Run(args));

        Assert.Contains(message, _cli.Console.ErrorText, StringComparison.Ordinal);
        Assert.Empty(_cli.Console.OutText);
    }
}
