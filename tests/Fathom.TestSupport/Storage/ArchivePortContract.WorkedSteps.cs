using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.TestSupport.Storage;

/// <summary>
/// Every step query shape against values worked out by hand, once with every point in open blocks
/// and once with later points closing those blocks (so complete days come from summaries).
/// </summary>
public abstract partial class ArchivePortContract
{
    /// <summary>2026-11-21T00:00:00Z, a Saturday.</summary>
    private const long D0 = T0 - (10 * Hour);

    /// <summary>Where the closing layout's 300 later points a series start: far enough that no worked query reaches them.</summary>
    private const long Filler = D0 + (10 * Day);

    private const int FillerPoints = 300;

    private static readonly SeriesKey RttA = Key("rtt", "ms", ("target", "a"));
    private static readonly SeriesKey RttB = Key("rtt", "ms", ("target", "b"));
    private static readonly SeriesKey LossA = Key("loss", "%", ("target", "a"));

    // (time, value) of rtt{target=a}; the worked examples below add them up.
    private static readonly (long Time, double Value)[] Worked =
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

    public static TheoryData<bool> Layouts => [false, true];

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Port_Step1d_SumOfDaysAndEachAggregation(bool closed)
    {
        using var reader = await StoreWorkedAsync(closed);

        Assert.Equal([(D0, 21.0), (D0 + Day, 10.0), (D0 + (2 * Day), 8.0)], Worked3(reader, D0, D0 + (3 * Day), Day, Aggregation.Sum));
        Assert.Equal([(D0, 4.2), (D0 + Day, 5.0), (D0 + (2 * Day), 8.0)], Worked3(reader, D0, D0 + (3 * Day), Day, Aggregation.Avg));
        Assert.Equal([(D0, 1.0), (D0 + Day, 4.0), (D0 + (2 * Day), 8.0)], Worked3(reader, D0, D0 + (3 * Day), Day, Aggregation.Min));
        Assert.Equal([(D0, 10.0), (D0 + Day, 6.0), (D0 + (2 * Day), 8.0)], Worked3(reader, D0, D0 + (3 * Day), Day, Aggregation.Max));
        Assert.Equal([(D0, 5.0), (D0 + Day, 2.0), (D0 + (2 * Day), 1.0)], Worked3(reader, D0, D0 + (3 * Day), Day, Aggregation.Count));
        Assert.Equal([(D0, 2.0), (D0 + Day, 6.0), (D0 + (2 * Day), 8.0)], Worked3(reader, D0, D0 + (3 * Day), Day, Aggregation.Last));
        if (closed && KeepsSummaries)
        {
            // The three days are complete and their blocks closed: their hours are read, not their points.
            Assert.True(reader.LastQueryCost.HourRows > 0 && reader.LastQueryCost.RawPoints == 0, $"no summaries read: {reader.LastQueryCost}");
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Port_StepHours_OnlyBucketsWithPointsAlignedToTheEpoch(bool closed)
    {
        using var reader = await StoreWorkedAsync(closed);

        Assert.Equal(
            [(D0 + (10 * Hour), 10.0), (D0 + (11 * Hour), 2.0), (D0 + Day, 4.0), (D0 + Day + (2 * Hour), 6.0)],
            Worked3(reader, D0, D0 + Day + (3 * Hour), Hour, Aggregation.Max));
        Assert.Equal(
            [(D0 + (10 * Hour), 5.0), (D0 + Day, 1.0), (D0 + Day + (2 * Hour), 1.0), (D0 + (2 * Day) + (8 * Hour), 1.0)],
            Worked3(reader, D0, D0 + (3 * Day), 2 * Hour, Aggregation.Count));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Port_StepsBelowAnHour_FromMinutesAndRawPoints(bool closed)
    {
        using var reader = await StoreWorkedAsync(closed);
        var from = D0 + (10 * Hour);

        Assert.Equal([(from, 5.0), (from + Minute, 10.0)], Worked3(reader, from, from + Minute, Minute, Aggregation.Last));
        Assert.Equal([(from, 3.0), (from + Minute, 10.0)], Worked3(reader, from, from + Minute, Minute, Aggregation.Avg));
        Assert.Equal(
            [(from, 1.0), (from + (20 * Second), 3.0), (from + (40 * Second), 5.0), (from + Minute, 10.0)],
            Worked3(reader, from, from + (2 * Minute), 20 * Second, Aggregation.Sum));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Port_StepOfAWeek_OneBucketFromThursday(bool closed)
    {
        using var reader = await StoreWorkedAsync(closed);

        // The epoch was a Thursday: weeks start on Thursdays, and 2026-11-19 is the one before D0.
        Assert.Equal([(D0 - (2 * Day), 39.0)], Worked3(reader, D0, D0 + (3 * Day), 7 * Day, Aggregation.Sum));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Port_StepRange_WholeBucketsFromTheOneHoldingFromThroughTheOneHoldingTo(bool closed)
    {
        using var reader = await StoreWorkedAsync(closed);

        Assert.Equal([(D0 + (11 * Hour), 2.0), (D0 + Day, 4.0)], Worked3(reader, D0 + (11 * Hour) + (45 * Minute), D0 + Day + (30 * Minute), Hour, Aggregation.Sum));
        Assert.Empty(Worked3(reader, D0 + (3 * Day), D0 + (4 * Day), Hour, Aggregation.Sum));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Port_StepOverTheWholeTimeline_NoOverflow(bool closed)
    {
        using var reader = await StoreWorkedAsync(closed);

        (long, double)[] days = [(D0, 21.0), (D0 + Day, 10.0), (D0 + (2 * Day), 8.0)];
        Assert.Equal(closed ? [.. days, (Filler, FillerPoints * (FillerPoints - 1) / 2.0)] : days, Worked3(reader, long.MinValue, long.MaxValue, Day, Aggregation.Sum));
        Assert.Equal(8 + (closed ? FillerPoints : 0), Worked3(reader, long.MinValue, long.MaxValue, 7 * Second, Aggregation.Count).Sum(p => p.Item2));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Port_StepSelection_ByGlobAndTags(bool closed)
    {
        using var reader = await StoreWorkedAsync(closed);

        var all = reader.Query("rt?", [], D0, D0 + (3 * Day), Day, Aggregation.Count);
        Assert.Equal([RttA, RttB], all.Select(s => s.Key));
        Assert.Equal([new TimePoint(D0, 1)], all[1].Points);

        var tagged = reader.Query("*", Tags(("target", "a")), D0, D0 + (3 * Day), Day, Aggregation.Max);
        Assert.Equal([LossA, RttA], tagged.Select(s => s.Key));
        Assert.Equal([new TimePoint(D0, 50)], tagged[0].Points);
        Assert.Empty(reader.Query("nothing*", [], D0, D0 + (3 * Day), Day, Aggregation.Max));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Port_LastOfWorkedSeries_NewestPointOfEverySeries(bool closed)
    {
        using var reader = await StoreWorkedAsync(closed);

        var newest = new TimePoint(Filler + ((FillerPoints - 1) * 10 * Second), FillerPoints - 1);
        (SeriesKey, TimePoint)[] expected = closed
            ? [(LossA, newest), (RttA, newest), (RttB, newest)]
            : [(LossA, new TimePoint(D0 + (12 * Hour), 50)), (RttA, new TimePoint(D0 + (2 * Day) + (9 * Hour), 8)), (RttB, new TimePoint(D0 + (5 * Hour), 7))];
        Assert.Equal(expected, reader.Last("*", []).Select(s => (s.Key, Assert.Single(s.Points))));
    }

    /// <summary>The worked points a batch each (as a daemon writes them); closed adds 300 later points a series, which close the blocks holding them.</summary>
    private async Task<IArchiveReader> StoreWorkedAsync(bool closed)
    {
        var batches = new List<IReadOnlyList<Measurement>> { new[] { Point(RttB, D0 + (5 * Hour), 7), Point(LossA, D0 + (12 * Hour), 50) } };
        batches.AddRange(Worked.Select(p => new[] { Point(RttA, p.Time, p.Value) }));
        if (closed)
        {
            batches.Add([.. Enumerable.Range(0, FillerPoints).SelectMany(i => new[] { RttA, RttB, LossA }.Select(k => Point(k, Filler + (i * 10 * Second), i)))]);
        }

        return await StoreAsync([.. batches]);
    }

    private static (long, double)[] Worked3(IArchiveReader reader, long from, long to, long step, Aggregation aggregation)
    {
        var series = reader.Query("rtt", Tags(("target", "a")), from, to, step, aggregation);
        return series.Count == 0 ? [] : [.. Assert.Single(series).Points.Select(p => (p.TimeNs, p.Value))];
    }
}
