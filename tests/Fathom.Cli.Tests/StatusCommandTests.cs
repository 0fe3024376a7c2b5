using System.Text.Json;
using Fathom.Core.Measurements;
using static Fathom.Cli.Tests.CliHarness;

namespace Fathom.Cli.Tests;

public sealed class StatusCommandTests : IDisposable
{
    private const long Minute = 60 * Second;

    private readonly CliHarness _cli = new();

    // Ranges: link0 up 09:30-09:40 and down 09:50-09:55 (normal); link1 up 08:00-09:30; link2 down 07:00-08:00 (maintenance).
    public StatusCommandTests() =>
        _cli.WriteAll(
            Status("link0", NowNs - (30 * Minute), "up", "normal"),
            Status("link0", NowNs - (20 * Minute), "up", "normal"),
            Status("link0", NowNs - (10 * Minute), "down", "normal"),
            Status("link0", NowNs - (5 * Minute), "down", "normal"),
            Status("link1", NowNs - (120 * Minute), "up", null),
            Status("link1", NowNs - (30 * Minute), "up", null),
            Status("link2", NowNs - (180 * Minute), "down", "maintenance"),
            Status("link2", NowNs - (120 * Minute), "down", "maintenance"));

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Run_TableFormat_ShowsRangesOverlappingTheLastHour()
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run("status"));

        Assert.Equal(
            """
            ELEMENT  START                 END                   OPER  ADMIN
            link0    2026-11-21T09:30:00Z  2026-11-21T09:40:00Z  up    normal
            link0    2026-11-21T09:50:00Z  2026-11-21T09:55:00Z  down  normal
            link1    2026-11-21T08:00:00Z  2026-11-21T09:30:00Z  up    -

            """,
            _cli.Console.OutText);
    }

    [Fact]
    public void Run_RangeTouchingBothEnds_IncludesRangesEndingAtFromAndStartingAtTo()
    {
        var code = _cli.Run("status", "--element", "link0", "--from", "2026-11-21T09:40:00Z", "--to", "2026-11-21T09:50:00Z", "--format", "csv");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(
            """
            element,start,end,oper,admin
            link0,2026-11-21T09:30:00Z,2026-11-21T09:40:00Z,up,normal
            link0,2026-11-21T09:50:00Z,2026-11-21T09:55:00Z,down,normal

            """,
            _cli.Console.OutText);
    }

    [Fact]
    public void Run_RangeInAGap_PrintsOnlyTheHeader()
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run("status", "--element", "link0", "--from", "2026-11-21T09:41:00Z", "--to", "2026-11-21T09:49:00Z"));

        Assert.Equal("ELEMENT  START  END  OPER  ADMIN\n", _cli.Console.OutText);
    }

    [Fact]
    public void Run_JsonFormat_WritesNullForMissingAdminState()
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run("status", "--from", "-4h", "--format", "json"));

        using var json = JsonDocument.Parse(_cli.Console.OutText);
        var ranges = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["link0", "link0", "link1", "link2"], ranges.Select(r => r.GetProperty("element").GetString()));
        Assert.Equal(["element", "start", "end", "oper", "admin"], ranges[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, ranges[2].GetProperty("admin").ValueKind);
        Assert.Equal(
            ("2026-11-21T07:00:00Z", "2026-11-21T08:00:00Z", "down", "maintenance"),
            (ranges[3].GetProperty("start").GetString(), ranges[3].GetProperty("end").GetString(), ranges[3].GetProperty("oper").GetString(), ranges[3].GetProperty("admin").GetString()));
    }

    [Theory]
    [InlineData(new[] { "status", "--to", "tomorrow" }, "--to: 'tomorrow' is not a time: use RFC 3339 or -1h")]
    [InlineData(new[] { "status", "--format", "xml" }, "--format: 'xml' is not one of table, json, csv")]
    [InlineData(new[] { "status", "--element=" }, "--element: the element name is empty")]
    [InlineData(new[] { "status", "link0" }, "unexpected argument 'link0' for 'status'; see 'fathom help status'")]
    public void Run_BadInput_PrintsOneLineAndExitsWithUsage(string[] args, string message)
    {
        Assert.Equal(ExitCodes.Usage, _cli.Run(args));

        Assert.Equal($"fathom: {message}\n", _cli.Console.ErrorText);
        Assert.Empty(_cli.Console.OutText);
    }

    private static Measurement Status(string element, long timeNs, string oper, string? admin) =>
        Measurement.Of(new StatusRecord(element, timeNs, oper, admin));
}
