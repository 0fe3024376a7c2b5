using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.TestSupport.Storage;

public abstract partial class ArchivePortContract
{
    private static readonly SeriesKey RttTa = Key("ping.rtt", "ms", ("target", "a"));
    private static readonly SeriesKey RttTb = Key("ping.rtt", "ms", ("target", "b"));
    private static readonly SeriesKey LossTa = Key("ping.loss", "percent", ("target", "a"));

    [Fact]
    public async Task Port_CountSeries_GlobAndTags_CountsTheSeriesAQueryWouldRead()
    {
        using var reader = await StoreAsync([Point(RttTa, T0, 1), Point(RttTb, T0, 2), Point(LossTa, T0, 0), Point(Key("uptime", "s"), T0, 9)]);

        Assert.Equal(3, reader.CountSeries("ping.*", []));
        Assert.Equal(2, reader.CountSeries("ping.rtt", []));
        Assert.Equal(2, reader.CountSeries("*", Tags(("target", "a"))));
        Assert.Equal(1, reader.CountSeries("p??g.*", Tags(("target", "b"))));
        Assert.Equal(0, reader.CountSeries("ping.rtt", Tags(("target", "c"))));
        Assert.Equal(0, reader.CountSeries("PING.*", []));
        Assert.Equal(4, reader.CountSeries("*", []));
        foreach (var (glob, tags) in new[] { ("ping.*", Tags(("target", "a"))), ("*", Tags()), ("ping.rtt", Tags(("target", "b"))) })
        {
            Assert.Equal(reader.Query(glob, tags, long.MinValue, long.MaxValue).Count, reader.CountSeries(glob, tags));
        }
    }

    [Fact]
    public async Task Port_RawQueryWithoutPointsInRange_StillListsMatchingSeries()
    {
        using var reader = await StoreAsync([Point(RttTa, T0, 1), Point(RttTb, T0 + (10 * Second), 2)]);

        var series = reader.Query("ping.rtt", [], T0 + Second, T0 + (2 * Second));

        Assert.Equal([RttTa, RttTb], series.Select(s => s.Key));
        Assert.All(series, s => Assert.Empty(s.Points));
    }

    [Fact]
    public async Task Port_ForEachSeries_EverySeriesInCanonicalOrderWithItsPointsInRange()
    {
        var keys = new[] { RttTb, LossTa, RttTa, Key("uptime", "s") };

        // 600 points a series: two closed blocks and an open one each, in batches across series.
        var points = Enumerable.Range(0, 600).SelectMany(i => keys.Select((k, n) => Point(k, T0 + (i * Second), (n * 1000) + i))).ToArray();
        using var reader = await StoreAsync([.. points.Chunk(700)]);

        var seen = new List<(SeriesKey Key, TimePoint[] Points)>();
        reader.ForEachSeries(null, long.MinValue, long.MaxValue, (key, list) => seen.Add((key, [.. list])));

        Assert.Equal(keys.OrderBy(k => k.Canonical, StringComparer.Ordinal), seen.Select(s => s.Key));
        foreach (var (key, list) in seen)
        {
            var n = Array.IndexOf(keys, key);
            Assert.Equal(Enumerable.Range(0, 600).Select(i => new TimePoint(T0 + (i * Second), (n * 1000) + i)), list);
        }

        var ranged = new List<(SeriesKey Key, TimePoint[] Points)>();
        reader.ForEachSeries("ping.*", T0 + (239 * Second), T0 + (481 * Second), (key, list) => ranged.Add((key, [.. list])));
        Assert.Equal([LossTa, RttTa, RttTb], ranged.Select(s => s.Key));
        Assert.All(ranged, s => Assert.Equal(Enumerable.Range(239, 243).Select(i => T0 + (i * Second)), s.Points.Select(p => p.TimeNs)));

        var empty = new List<int>();
        reader.ForEachSeries("uptime", T0 + Hour, T0 + (2 * Hour), (_, list) => empty.Add(list.Count));
        Assert.Equal([0], empty);
    }

    [Fact]
    public async Task Port_ListSeries_CountsAndTimesSpanClosedAndOpenBlocks()
    {
        var key = Key("blocks", "ms", ("host", "a"));

        // 1,000 points, last-first, in batches of 90: blocks close and late points land in closed ones.
        var points = Enumerable.Range(0, 1000).Reverse().Select(i => Point(key, T0 + (i * 10 * Second), i)).ToArray();
        using var reader = await StoreAsync([.. points.Chunk(90)]);

        var info = Assert.Single(reader.ListSeries("blocks"));

        Assert.Equal((1000L, T0, T0 + (9990 * Second)), (info.PointCount, info.FirstTimeNs!.Value, info.LastTimeNs!.Value));
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (double)i), Assert.Single(reader.Query("blocks", [], long.MinValue, long.MaxValue)).Points.Select(p => p.Value));
        Assert.Equal(new TimePoint(T0 + (9990 * Second), 999), Assert.Single(Assert.Single(reader.Last("blocks", [])).Points));
    }
}
