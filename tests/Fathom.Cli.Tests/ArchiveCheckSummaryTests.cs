using Fathom.Archive.Rollups;
using Fathom.Archive.Sqlite;
using Fathom.Core.Measurements;
using static Fathom.Cli.Tests.CliHarness;

namespace Fathom.Cli.Tests;

/// <summary>archive check compares the stored hour summaries with the raw points.</summary>
public sealed class ArchiveCheckSummaryTests : IDisposable
{
    private const long Minute = 60 * Second;
    private const long Day = 24 * 60 * Minute;

    private readonly CliHarness _cli = new();

    // 250 points 10 min apart from 10:00 on day 0: a closed block of 240 (to 01:50 on day 2) and 10 open,
    // so days 0 and 1 are complete and have their hours stored.
    public ArchiveCheckSummaryTests() =>
        _cli.WriteAll([.. Enumerable.Range(0, 250).Select(i => Measurement.Of(new Sample(Key("rtt", "ms"), NowNs + (i * 10 * Minute), i % 9)))]);

    public void Dispose() => _cli.Dispose();

    private static long Day0 => Resolutions.Floor(NowNs, Day);

    private static long Day1 => Day0 + Day;

    [Fact]
    public void Run_SummariesMatchRawPoints_Ok()
    {
        Assert.Equal(2, Scalar("SELECT count(*) FROM rollups WHERE res = 3600"));
        Assert.Equal(ExitCodes.Ok, _cli.Run("archive", "check", "--archive", _cli.ArchivePath));
        Assert.StartsWith("ok\n", _cli.Console.OutText, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingDayOfHours_EachHourReported()
    {
        Sql($"DELETE FROM rollups WHERE res = 3600 AND start_ns = {Day1}");

        Assert.Equal(ExitCodes.Failure, _cli.Run("archive", "check", "--archive", _cli.ArchivePath));
        var lines = _cli.Console.OutText.Split('\n');
        Assert.Equal($"problem: series rtt: no 1 h summary at {Day1} for its 6 raw points", lines[0]);
        Assert.Equal(24, lines.Count(l => l.StartsWith("problem: series rtt: no 1 h summary at ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Run_RowHoldingAnotherDay_Reported()
    {
        Sql($"UPDATE rollups SET data = (SELECT data FROM rollups WHERE res = 3600 AND start_ns = {Day0}) WHERE res = 3600 AND start_ns = {Day1}");

        Assert.Equal(ExitCodes.Failure, _cli.Run("archive", "check", "--archive", _cli.ArchivePath));
        Assert.Equal(
            $"problem: series rtt: {_cli.ArchivePath}: corrupt 3600 s summary of series 1 at {Day1}: the row holds a bucket at {NowNs}",
            _cli.Console.OutText.Split('\n')[0]);
    }

    [Fact]
    public void Run_HourSummaryWithOtherValues_ReportedWithBoth()
    {
        // Day 1's first hour as if its last point were 7 (points 84..89 hold 3, 4, 5, 6, 7, 8).
        var hours = Enumerable.Range(0, 24).Select(h =>
        {
            var values = Enumerable.Range(84 + (h * 6), 6).Select(i => (double)(i % 9)).ToArray();
            return new RollupBucket { Start = Day1 + (h * 60 * Minute), Count = 6, Min = values.Min(), Max = values.Max(), Sum = values.Sum(), Last = h == 0 ? 7 : values[^1] };
        }).ToArray();
        var data = new byte[RollupCodec.MaxEncodedBytes(hours.Length)];
        var length = RollupCodec.Encode(hours, Resolutions.HourNs, data);
        Sql($"UPDATE rollups SET data = X'{Convert.ToHexString(data, 0, length)}' WHERE res = 3600 AND start_ns = {Day1}");

        Assert.Equal(ExitCodes.Failure, _cli.Run("archive", "check", "--archive", _cli.ArchivePath));
        Assert.Equal(
            $"problem: series rtt: 1 h summary at {Day1} is count 6 min 3 max 8 sum 33 last 7; the raw points give 6, 3, 8, 33, 8",
            _cli.Console.OutText.Split('\n')[0]);
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
