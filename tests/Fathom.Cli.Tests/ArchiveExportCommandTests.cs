using System.Text.Json;
using Fathom.Core.Measurements;
using static Fathom.Cli.Tests.CliHarness;

namespace Fathom.Cli.Tests;

public sealed class ArchiveExportCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public ArchiveExportCommandTests()
    {
        var cpu = Key("cpu load,x=y", "", ("k=ey", "v,a=l ue"), ("e", ""));
        var rtt = Key("rtt", "ms", ("target", "a b"), ("af", "4"));
        _cli.Write(
            new Sample(rtt, NowNs - (10 * Second), 1.5),
            new Sample(rtt, NowNs - (5 * Second), double.NaN),
            new Sample(rtt, NowNs + 1, -0.25),
            new Sample(cpu, NowNs, 2),
            new Sample(cpu, NowNs + Second, 1e20));
    }

    public void Dispose() => _cli.Dispose();

    private static FormUrlEncodedContent Form(string key, string value) => new([new(key, value)]);

    [Fact]
    public void Run_Influx_WritesEscapedLineProtocolSeriesBySeries()
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run("archive", "export", "--archive", _cli.ArchivePath));

        // NaN has no line-protocol float; the tag with an empty value has no line-protocol form either.
        Assert.Equal(
            """
            cpu\ load\,x=y,k\=ey=v\,a\=l\ ue value=2 1795255200000000000
            cpu\ load\,x=y,k\=ey=v\,a\=l\ ue value=1e+20 1795255201000000000
            rtt,af=4,target=a\ b value=1.5 1795255190000000000
            rtt,af=4,target=a\ b value=-0.25 1795255200000000001

            """,
            _cli.Console.OutText);
        Assert.Empty(_cli.Console.ErrorText);
    }

    [Fact]
    public async Task Run_Influx_RealInfluxdReadsBackNamesTagsValuesAndTimes()
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run("archive", "export", "--archive", _cli.ArchivePath));
        using var influxd = await Influxd.StartAsync(Directory.CreateDirectory(Path.Combine(_cli.Folder, "influxd")).FullName);
        using var http = new HttpClient { BaseAddress = influxd.Address, Timeout = TimeSpan.FromSeconds(30) };

        (await http.PostAsync("query", Form("q", "CREATE DATABASE fathom"))).EnsureSuccessStatusCode();
        using var write = await http.PostAsync("write?db=fathom&precision=ns", new StringContent(_cli.Console.OutText));
        Assert.True(write.IsSuccessStatusCode, await write.Content.ReadAsStringAsync());
        var answer = await http.GetStringAsync("query?db=fathom&epoch=ns&q=" + Uri.EscapeDataString("SELECT * FROM /.*/"));

        // Columns are the union of both measurements' tag keys, in key order, then the field.
        using var json = JsonDocument.Parse(answer);
        var series = json.RootElement.GetProperty("results")[0].GetProperty("series").EnumerateArray()
            .Select(s => (s.GetProperty("name").GetString(), s.GetProperty("values").GetRawText()))
            .ToArray();
        Assert.Equal(
            [
                ("cpu load,x=y", """[[1795255200000000000,null,"v,a=l ue",null,2],[1795255201000000000,null,"v,a=l ue",null,100000000000000000000]]"""),
                ("rtt", """[[1795255190000000000,"4",null,"a b",1.5],[1795255200000000001,"4",null,"a b",-0.25]]"""),
            ],
            series);
        Assert.Equal(
            ["time", "af", "k=ey", "target", "value"],
            json.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public void Run_Csv_WritesNanosecondTimesAndQuotedFields()
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run("archive", "export", "--archive", _cli.ArchivePath, "--format", "csv"));

        Assert.Equal(
            """
            time,name,tags,unit,value
            2026-11-21T10:00:00.000000000Z,"cpu load,x=y","e=,k=ey=v,a=l ue",,2
            2026-11-21T10:00:01.000000000Z,"cpu load,x=y","e=,k=ey=v,a=l ue",,1E+20
            2026-11-21T09:59:50.000000000Z,rtt,"af=4,target=a b",ms,1.5
            2026-11-21T09:59:55.000000000Z,rtt,"af=4,target=a b",ms,NaN
            2026-11-21T10:00:00.000000001Z,rtt,"af=4,target=a b",ms,-0.25

            """,
            _cli.Console.OutText);
    }

    [Fact]
    public void Run_NameGlobAndRange_ExportOnlyMatchingPoints()
    {
        var code = _cli.Run("archive", "export", "--archive", _cli.ArchivePath, "--name", "r?t", "--from", "2026-11-21T09:59:55Z", "--to", "now");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("", _cli.Console.OutText);
        Assert.Equal(ExitCodes.Ok, _cli.Run("archive", "export", "--archive", _cli.ArchivePath, "--name", "r*", "--from", "2026-11-21T09:59:50Z", "--to", "2026-11-21T09:59:55Z"));
        Assert.Equal("rtt,af=4,target=a\\ b value=1.5 1795255190000000000\n", _cli.Console.OutText);
    }

    [Fact]
    public void Run_CsvNothingMatches_WritesOnlyTheHeader()
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run("archive", "export", "--archive", _cli.ArchivePath, "--format", "csv", "--name", "loss"));

        Assert.Equal("time,name,tags,unit,value\n", _cli.Console.OutText);
    }

    [Fact]
    public void Run_OutputFile_WritesTheExportThereAndSaysHowMuch()
    {
        var output = Path.Combine(_cli.Folder, "export.lp");
        File.WriteAllText(output, "old content that must be replaced\n");

        Assert.Equal(ExitCodes.Ok, _cli.Run("archive", "export", "--archive", _cli.ArchivePath, "--name", "rtt", "--output", output));

        Assert.Equal(
            "rtt,af=4,target=a\\ b value=1.5 1795255190000000000\nrtt,af=4,target=a\\ b value=-0.25 1795255200000000001\n",
            File.ReadAllText(output));
        Assert.Equal($"wrote 2 points of 1 series to {output}\n", _cli.Console.OutText);
    }

    [Fact]
    public void Run_ManySeries_ExportsEveryPointInSeriesOrder()
    {
        _cli.Write([.. Enumerable.Range(0, 3000).Select(i => new Sample(Key("bulk", "", ("n", (i % 30).ToString("D2", null))), NowNs + (i * Second), i))]);

        Assert.Equal(ExitCodes.Ok, _cli.Run("archive", "export", "--archive", _cli.ArchivePath, "--name", "bulk"));

        var lines = _cli.Console.OutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3000, lines.Length);
        Assert.Equal("bulk,n=00 value=0 1795255200000000000", lines[0]);
        Assert.Equal("bulk,n=00 value=2970 1795258170000000000", lines[99]);
        Assert.Equal("bulk,n=29 value=2999 1795258199000000000", lines[^1]);
    }

    [Fact]
    public void Run_LineBreakInTag_SkipsThatSeriesWithAMessageAndFails()
    {
        _cli.Write(new Sample(Key("rtt", "ms", ("target", "a\nb")), NowNs, 1));

        Assert.Equal(ExitCodes.Failure, _cli.Run("archive", "export", "--archive", _cli.ArchivePath, "--name", "rtt"));

        Assert.Equal(2, _cli.Console.OutText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("fathom: skipped series 'rtt{target=a\nb}': line protocol cannot carry a line break in a name or tag\n", _cli.Console.ErrorText);
    }

    [Theory]
    [InlineData(new[] { "archive", "export", "--format", "json" }, "--format: 'json' is not one of influx, csv")]
    [InlineData(new[] { "archive", "export", "--from", "yesterday" }, "--from: 'yesterday' is not a time: use RFC 3339 or -1h")]
    [InlineData(new[] { "archive", "export", "--output", "" }, "--output: the file name is empty")]
    public void Run_BadInput_PrintsOneLineAndExitsWithUsage(string[] args, string message)
    {
        Assert.Equal(ExitCodes.Usage, _cli.Run([.. args, "--archive", _cli.ArchivePath]));

        Assert.Equal($"fathom: {message}\n", _cli.Console.ErrorText);
        Assert.Empty(_cli.Console.OutText);
    }

    [Fact]
    public void Run_MissingArchive_ExitsWithUsageAndWritesNoOutputFile()
    {
        var missing = Path.Combine(_cli.Folder, "gone.db");
        var output = Path.Combine(_cli.Folder, "out.csv");

        Assert.Equal(ExitCodes.Usage, _cli.Run("archive", "export", "--archive", missing, "--output", output));

        Assert.Equal($"fathom: no archive at {missing}\n", _cli.Console.ErrorText);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Run_OutputFolderMissing_ExitsWithUsage()
    {
        var output = Path.Combine(_cli.Folder, "no", "such", "out.lp");

        Assert.Equal(ExitCodes.Usage, _cli.Run("archive", "export", "--archive", _cli.ArchivePath, "--output", output));

        Assert.StartsWith($"fathom: --output: cannot create {output}: ", _cli.Console.ErrorText, StringComparison.Ordinal);
        Assert.Single(_cli.Console.ErrorText.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Run_OutputIsTheArchive_IsRefused()
    {
        Assert.Equal(ExitCodes.Usage, _cli.Run("archive", "export", "--archive", _cli.ArchivePath, "--output", _cli.ArchivePath));

        Assert.Equal("fathom: --output: that is the archive itself\n", _cli.Console.ErrorText);
        Assert.Equal(ExitCodes.Ok, _cli.Run("archive", "check", "--archive", _cli.ArchivePath));
    }
}
