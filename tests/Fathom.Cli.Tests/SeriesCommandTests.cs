using System.Text.Json;
using Fathom.Core.Measurements;
using static Fathom.Cli.Tests.CliHarness;

namespace Fathom.Cli.Tests;

public sealed class SeriesCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public SeriesCommandTests() =>
        _cli.Write(
            new Sample(Key("rtt", "ms", ("target", "a"), ("af", "4")), NowNs - Second, 1),
            new Sample(Key("rtt", "ms", ("target", "a"), ("af", "4")), NowNs + 500_000, 2),
            new Sample(Key("loss", "%", ("target", "a")), NowNs, 0));

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Run_JsonFormat_ListsEverySeriesWithCountsAndTimes()
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run("series", "--format", "json"));

        using var json = JsonDocument.Parse(_cli.Console.OutText);
        var series = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["loss", "rtt"], series.Select(s => s.GetProperty("name").GetString()));
        var rtt = series[1];
        Assert.Equal("4", rtt.GetProperty("tags").GetProperty("af").GetString());
        Assert.Equal("ms", rtt.GetProperty("unit").GetString());
        Assert.Equal(2, rtt.GetProperty("points").GetInt64());
        Assert.Equal("2026-11-21T09:59:59Z", rtt.GetProperty("first").GetString());
        Assert.Equal("2026-11-21T10:00:00.000500Z", rtt.GetProperty("last").GetString());
    }

    [Fact]
    public void Run_ArchiveWithSqlitePrefix_CatalogOpensTheFileThroughTheSqliteBackend()
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run("series", "--archive", "sqlite:" + _cli.ArchivePath, "--name", "loss", "--format=csv"));

        Assert.StartsWith("name,tags,unit,points,first,last\nloss,target=a,%,1,", _cli.Console.OutText, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ArchiveTypeWithoutCompaction_CompactRefusedNamingTheType()
    {
        Assert.Equal(ExitCodes.Usage, _cli.Run("archive", "compact", "--archive", "nocompact:x"));

        Assert.Equal("fathom: archive type 'nocompact' cannot be compacted\n", _cli.Console.ErrorText);
    }

    [Fact]
    public void Run_NameGlob_ListsOnlyMatchingNames()
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run("series", "--name", "r*", "--format=csv"));

        Assert.Equal(
            "name,tags,unit,points,first,last\nrtt,\"af=4,target=a\",ms,2,2026-11-21T09:59:59Z,2026-11-21T10:00:00.000500Z\n",
            _cli.Console.OutText);
    }

    [Fact]
    public void Run_TableFormat_PrintsHeaderAndAlignedRows()
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run("series", "--archive", _cli.ArchivePath));

        var lines = _cli.Console.OutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^NAME\s+TAGS\s+UNIT\s+POINTS\s+FIRST\s+LAST$", lines[0]);
        Assert.Matches(@"^loss\s+target=a\s+%\s+1\s+2026-11-21T10:00:00Z\s+2026-11-21T10:00:00Z$", lines[1]);
        Assert.Matches(@"^rtt\s+af=4,target=a\s+ms\s+2\s+", lines[2]);
        Assert.Equal(lines[0].IndexOf("TAGS", StringComparison.Ordinal), lines[2].IndexOf("af=4", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_UnknownFormat_ExitsWithUsage()
    {
        Assert.Equal(ExitCodes.Usage, _cli.Run("series", "--format", "yaml"));
        Assert.Equal("fathom: --format: 'yaml' is not one of table, json, csv\n", _cli.Console.ErrorText);
    }
}
