using Fathom.Archive.Sqlite;
using Fathom.Core.Measurements;
using static Fathom.Cli.Tests.CliHarness;

namespace Fathom.Cli.Tests;

/// <summary>archive check compares the stored hour and day summaries with the raw points.</summary>
public sealed class ArchiveCheckSummaryTests : IDisposable
{
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;

    private readonly CliHarness _cli = new();

    // 250 points a minute apart from 10:00: one closed block of 240 (10:00..13:59) and 10 open; hours 10..12 summarised.
    public ArchiveCheckSummaryTests() =>
        _cli.WriteAll([.. Enumerable.Range(0, 250).Select(i => Measurement.Of(new Sample(Key("rtt", "ms"), NowNs + (i * Minute), i % 9)))]);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Run_SummariesMatchRawPoints_Ok()
    {
        Assert.Equal(3, Scalar("SELECT count(*) FROM rollups WHERE res = 3600"));
        Assert.Equal(ExitCodes.Ok, _cli.Run("archive", "check", "--archive", _cli.ArchivePath));
        Assert.StartsWith("ok\n", _cli.Console.OutText, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingHourSummary_Reported()
    {
        Sql($"DELETE FROM rollups WHERE res = 3600 AND start_ns = {NowNs + Hour}");

        Assert.Equal(ExitCodes.Failure, _cli.Run("archive", "check", "--archive", _cli.ArchivePath));
        Assert.StartsWith($"problem: series rtt: no 1 h summary at {NowNs + Hour} for its 60 raw points\n", _cli.Console.OutText, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HourRowHoldingAnotherHour_Reported()
    {
        // Give hour 11 the summary of hour 10.
        Sql($"UPDATE rollups SET data = (SELECT data FROM rollups WHERE res = 3600 AND start_ns = {NowNs}) WHERE res = 3600 AND start_ns = {NowNs + Hour}");

        Assert.Equal(ExitCodes.Failure, _cli.Run("archive", "check", "--archive", _cli.ArchivePath));
        Assert.Equal(
            $"problem: series rtt: {_cli.ArchivePath}: corrupt 3600 s summary of series 1 at {NowNs + Hour}: the row holds a bucket at {NowNs}",
            _cli.Console.OutText.Split('\n')[0]);
    }

    [Fact]
    public void Run_HourSummaryWithOtherValues_ReportedWithBoth()
    {
        // Hour 11's summary as if its last point were 7: [format 1][1 bucket][index][count 60][min][max][sum][last].
        var index = (NowNs + Hour) / Minute / 60;
        var blob = new List<byte> { 1, 1 };
        blob.AddRange(Varint((ulong)(index << 1)));
        blob.Add(60);
        foreach (var v in new[] { 0.0, 8, 240, 7 })
        {
            blob.AddRange(BitConverter.GetBytes(v));
        }

        Sql($"UPDATE rollups SET data = X'{Convert.ToHexString(blob.ToArray())}' WHERE res = 3600 AND start_ns = {NowNs + Hour}");

        Assert.Equal(ExitCodes.Failure, _cli.Run("archive", "check", "--archive", _cli.ArchivePath));
        Assert.Equal(
            $"problem: series rtt: 1 h summary at {NowNs + Hour} is count 60 min 0 max 8 sum 240 last 7; the raw points give 60, 0, 8, 240, 2",
            _cli.Console.OutText.Split('\n')[0]);
    }

    private static IEnumerable<byte> Varint(ulong value)
    {
        while (value >= 0x80)
        {
            yield return (byte)(value | 0x80);
            value >>= 7;
        }

        yield return (byte)value;
    }

    private long Scalar(string sql)
    {
        using var connection = SqliteConnection.Open(_cli.ArchivePath, readOnly: true, TimeSpan.Zero);
        return connection.ScalarInt64(sql);
    }

    private void Sql(string sql)
    {
        using var connection = SqliteConnection.Open(_cli.ArchivePath, readOnly: false, TimeSpan.Zero);
        connection.Execute(sql);
    }
}
