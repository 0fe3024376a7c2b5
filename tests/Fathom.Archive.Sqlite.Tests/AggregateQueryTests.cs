using Fathom.Archive.Blocks;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using static Fathom.Archive.Tests.Data;

namespace Fathom.Archive.Tests;

/// <summary>
/// Every query shape against values worked out by hand, once with every point still in open
/// blocks (raw aggregation) and once with every batch closing its blocks (summaries used).
/// </summary>
public sealed class AggregateQueryTests : IDisposable
{
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;
    private const long Day = 24 * Hour;

    /// <summary>2026-11-21T00:00:00Z, a Saturday.</summary>
    private const long D0 = T0 - (10 * Hour);

    private static readonly SeriesKey RttA = Key("rtt", "ms", ("target", "a"));
    private static readonly SeriesKey RttB = Key("rtt", "ms", ("target", "b"));
    private static readonly SeriesKey Loss = Key("loss", "%", ("target", "a"));

    // (time, value) of rtt{target=a}; worked examples below.
    private static readonly (long Time, double Value)[] Points =
    [
        (D0 + (10 * Hour), 1),
        (D0 + (10 * Hour) + (20 * Second), 3),
        (D0 + (10 * Hour) + (40 * Second), 5),
        (D0 + (10 * Hour) + Minute, 10),
        (D0 + (11 * Hour) + (30 * Minute), 2),
        (D0 + (11 * Hour) + (31 * Minute), double.NaN),
        (D0 + Day + (15 * Minute), 4),
        (D0 + Day + (2 * Hour), 6),
        (D0 + (2 * Day) + (9 * Hour), 8),
    ];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<bool> Layouts => [false, true];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Step1d_Sum_DaysAndTheOpenDay(bool closed)
    {
        using var reader = Archive(closed);
        Assert.Equal([(D0, 21.0), (D0 + Day, 10.0), (D0 + (2 * Day), 8.0)], Query(reader, "rtt", D0, D0 + (3 * Day), Day, Aggregation.Sum));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Step1d_EachAggregation(bool closed)
    {
        using var reader = Archive(closed);
        Assert.Equal([(D0, 4.2), (D0 + Day, 5.0), (D0 + (2 * Day), 8.0)], Query(reader, "rtt", D0, D0 + (3 * Day), Day, Aggregation.Avg));
        Assert.Equal([(D0, 1.0), (D0 + Day, 4.0), (D0 + (2 * Day), 8.0)], Query(reader, "rtt", D0, D0 + (3 * Day), Day, Aggregation.Min));
        Assert.Equal([(D0, 10.0), (D0 + Day, 6.0), (D0 + (2 * Day), 8.0)], Query(reader, "rtt", D0, D0 + (3 * Day), Day, Aggregation.Max));
        Assert.Equal([(D0, 5.0), (D0 + Day, 2.0), (D0 + (2 * Day), 1.0)], Query(reader, "rtt", D0, D0 + (3 * Day), Day, Aggregation.Count));
        Assert.Equal([(D0, 2.0), (D0 + Day, 6.0), (D0 + (2 * Day), 8.0)], Query(reader, "rtt", D0, D0 + (3 * Day), Day, Aggregation.Last));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Step1h_Max_OnlyHoursWithPoints(bool closed)
    {
        using var reader = Archive(closed);
        Assert.Equal(
            [(D0 + (10 * Hour), 10.0), (D0 + (11 * Hour), 2.0), (D0 + Day, 4.0), (D0 + Day + (2 * Hour), 6.0)],
            Query(reader, "rtt", D0, D0 + Day + (3 * Hour), Hour, Aggregation.Max));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Step2h_Count_BucketsAlignedToTheEpoch(bool closed)
    {
        using var reader = Archive(closed);
        Assert.Equal(
            [(D0 + (10 * Hour), 5.0), (D0 + Day, 1.0), (D0 + Day + (2 * Hour), 1.0), (D0 + (2 * Day) + (8 * Hour), 1.0)],
            Query(reader, "rtt", D0, D0 + (3 * Day), 2 * Hour, Aggregation.Count));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Step1m_Last_AndAvg(bool closed)
    {
        using var reader = Archive(closed);
        var from = D0 + (10 * Hour);
        Assert.Equal([(from, 5.0), (from + Minute, 10.0)], Query(reader, "rtt", from, from + Minute, Minute, Aggregation.Last));
        Assert.Equal([(from, 3.0), (from + Minute, 10.0)], Query(reader, "rtt", from, from + Minute, Minute, Aggregation.Avg));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Step20s_FromRawPoints(bool closed)
    {
        using var reader = Archive(closed);
        var from = D0 + (10 * Hour);
        Assert.Equal(
            [(from, 1.0), (from + (20 * Second), 3.0), (from + (40 * Second), 5.0), (from + Minute, 10.0)],
            Query(reader, "rtt", from, from + (2 * Minute), 20 * Second, Aggregation.Sum));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Step1w_OneBucketFromThursday(bool closed)
    {
        using var reader = Archive(closed);

        // The epoch was a Thursday: weeks start on Thursdays, and 2026-11-19 is the one before D0.
        Assert.Equal([(D0 - (2 * Day), 39.0)], Query(reader, "rtt", D0, D0 + (3 * Day), 7 * Day, Aggregation.Sum));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Range_WholeBucketsFromTheOneHoldingFromThroughTheOneHoldingTo(bool closed)
    {
        using var reader = Archive(closed);
        Assert.Equal(
            [(D0 + (11 * Hour), 2.0), (D0 + Day, 4.0)],
            Query(reader, "rtt", D0 + (11 * Hour) + (45 * Minute), D0 + Day + (30 * Minute), Hour, Aggregation.Sum));
        Assert.Empty(Query(reader, "rtt", D0 + (3 * Day), D0 + (4 * Day), Hour, Aggregation.Sum));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Range_WholeTimeline_NoOverflow(bool closed)
    {
        using var reader = Archive(closed);
        Assert.Equal([(D0, 21.0), (D0 + Day, 10.0), (D0 + (2 * Day), 8.0)], Query(reader, "rtt", long.MinValue, long.MaxValue, Day, Aggregation.Sum));
        Assert.Equal(9 - 1, Query(reader, "rtt", long.MinValue, long.MaxValue, 7 * Second, Aggregation.Count).Sum(p => p.Item2));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Selection_ByGlobAndTags(bool closed)
    {
        using var reader = Archive(closed);
        var all = reader.Query("rt?", [], D0, D0 + (3 * Day), Day, Aggregation.Count);
        Assert.Equal(["rtt{target=a}", "rtt{target=b}"], all.Select(s => s.Key.Canonical));
        Assert.Equal([new TimePoint(D0, 1)], all[1].Points);

        var tagged = reader.Query("*", [new("target", "a")], D0, D0 + (3 * Day), Day, Aggregation.Max);
        Assert.Equal(["loss{target=a}", "rtt{target=a}"], tagged.Select(s => s.Key.Canonical));
        Assert.Equal([new TimePoint(D0, 50)], tagged[0].Points);
        Assert.Empty(reader.Query("nothing*", [], D0, D0 + (3 * Day), Day, Aggregation.Max));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Last_NewestPointOfEverySeries(bool closed)
    {
        using var reader = Archive(closed);
        var last = reader.Last("*", []);
        Assert.Equal(
            [("loss{target=a}", new TimePoint(D0 + (12 * Hour), 50)), ("rtt{target=a}", new TimePoint(D0 + (2 * Day) + (9 * Hour), 8)), ("rtt{target=b}", new TimePoint(D0 + (5 * Hour), 7))],
            last.Select(s => (s.Key.Canonical, Assert.Single(s.Points))));
    }

    [Fact]
    public void Summaries_UsedWhenClosed_DayStepReadsARowPerDayNotRawPoints()
    {
        using var reader = Archive(closed: true);
        _ = reader.Query("rtt", [new("target", "a")], D0, D0 + (3 * Day), Day, Aggregation.Sum);

        // Two complete days from their rows of hours; the third day is not complete: its one point is raw.
        Assert.Equal(new QueryCost(0, 2, 0, 1), reader.LastQueryCost);

        _ = reader.Query("rtt", [new("target", "a")], D0, D0 + Day + (3 * Hour), Hour, Aggregation.Sum);
        Assert.Equal(new QueryCost(0, 2, 0, 0), reader.LastQueryCost);
    }

    [Fact]
    public void Summaries_OneRowOfHoursPerCompleteDayWithPoints()
    {
        using (Archive(closed: true))
        {
        }

        using var connection = Sqlite.SqliteConnection.Open(_folder.File("archive.db"), readOnly: true, TimeSpan.FromSeconds(1));
        const string RttA = "(SELECT id FROM series WHERE canonical = 'rtt{target=a}')";
        Assert.Equal(2, connection.ScalarInt64($"SELECT count(*) FROM rollups WHERE res = 3600 AND series_id = {RttA}"));
        Assert.Equal(0, connection.ScalarInt64($"SELECT count(*) FROM rollups WHERE res = 86400"));
        Assert.Equal(0, connection.ScalarInt64("SELECT count(*) FROM rollups WHERE res = 60"));
    }

    private static (long, double)[] Query(ArchiveReader reader, string name, long from, long to, long step, Aggregation aggregation)
    {
        var series = reader.Query(name, [new("target", "a")], from, to, step, aggregation);
        return series.Count == 0 ? [] : [.. Assert.Single(series).Points.Select(p => (p.TimeNs, p.Value))];
    }

    private ArchiveReader Archive(bool closed)
    {
        var path = _folder.File("archive.db");
        if (!File.Exists(path))
        {
            // A journal bound of 0 closes every open block at each batch's end.
            using var archive = new SqliteArchive(path, null, closed ? 0 : BlockPointWriter.DefaultMaxJournalPoints);
            archive.WriteBatch([Point(RttB, D0 + (5 * Hour), 7), Point(Loss, D0 + (12 * Hour), 50)]);
            foreach (var (time, value) in Points)
            {
                archive.WriteBatch([Point(RttA, time, value)]);
            }
        }

        return ArchiveReader.Open(path);
    }
}
