using Fathom.Core.Storage;

namespace Fathom.TestSupport.Storage;

public abstract partial class ArchivePortContract
{
    [Fact]
    public async Task Port_WriteThenRawQuery_EveryValueBackExactly()
    {
        var key = Key("values");
        double[] values = [0, 1, -1, 42, -273, 0.1, -0.25, 3.141592653589793, 1e-9, 6.02214076e23, -1.7976931348623157e308,
            double.MaxValue, double.Epsilon, 9_007_199_254_740_993, long.MaxValue, 123_456_789.125, double.NaN, 7];
        using var reader = await StoreAsync([.. values.Select((v, i) => Point(key, T0 + (i * Second), v))]);

        var series = Assert.Single(reader.Query("values", [], long.MinValue, long.MaxValue));

        Assert.Equal(key, series.Key);
        Assert.Equal(values.Select((_, i) => T0 + (i * Second)), series.Points.Select(p => p.TimeNs));
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), series.Points.Select(p => BitConverter.DoubleToInt64Bits(p.Value)));
    }

    [Fact]
    public async Task Port_RawRange_BothEndsInclusive()
    {
        var key = Key("range");
        using var reader = await StoreAsync([.. Enumerable.Range(0, 10).Select(i => Point(key, T0 + (i * 10 * Second), i))]);

        Assert.Equal([1.0, 2, 3], Values(reader.Query("range", [], T0 + (10 * Second), T0 + (30 * Second))));
        Assert.Equal([2.0], Values(reader.Query("range", [], T0 + (11 * Second), T0 + (29 * Second))));
        Assert.Equal([9.0], Values(reader.Query("range", [], T0 + (90 * Second), T0 + (90 * Second))));
        Assert.Empty(Values(reader.Query("range", [], T0 + (91 * Second), long.MaxValue)));
        Assert.Empty(Values(reader.Query("range", [], long.MinValue, T0 - 1)));
    }

    [Fact]
    public async Task Port_DuplicateTime_LastWriteWins()
    {
        var key = Key("dup");
        using var reader = await StoreAsync(
            [Point(key, T0, 1), Point(key, T0 + Second, 2), Point(key, T0 + Second, 3)],
            [Point(key, T0, 10), Point(key, T0 + (2 * Second), 4)]);

        var points = Assert.Single(reader.Query("dup", [], long.MinValue, long.MaxValue)).Points;

        Assert.Equal([new TimePoint(T0, 10), new(T0 + Second, 3), new(T0 + (2 * Second), 4)], points);
        Assert.Equal(3, Assert.Single(reader.ListSeries("dup")).PointCount);
    }

    [Fact]
    public async Task Port_OutOfOrderAndLatePoints_ReadBackInTimeOrder()
    {
        var key = Key("late");

        // A late point arrives after a whole block of newer ones, and another older than everything.
        var newer = Enumerable.Range(0, 600).Select(i => Point(key, T0 + ((i + 10) * Second), i)).ToArray();
        using var reader = await StoreAsync(
            [Point(key, T0 + (5 * Second), -5), Point(key, T0 + (3 * Second), -3)],
            newer,
            [Point(key, T0 + (4 * Second), -4), Point(key, T0 + (300 * Second), 0.5), Point(key, T0 - Hour, -100)]);

        var points = Assert.Single(reader.Query("late", [], long.MinValue, long.MaxValue)).Points;

        var expected = new List<TimePoint> { new(T0 - Hour, -100), new(T0 + (3 * Second), -3), new(T0 + (4 * Second), -4), new(T0 + (5 * Second), -5) };
        expected.AddRange(Enumerable.Range(0, 600).Select(i => new TimePoint(T0 + ((i + 10) * Second), i + 10 == 300 ? 0.5 : i)));
        Assert.Equal(expected, points);
        var info = Assert.Single(reader.ListSeries("late"));
        Assert.Equal((604L, T0 - Hour, T0 + (609 * Second)), (info.PointCount, info.FirstTimeNs!.Value, info.LastTimeNs!.Value));
    }

    [Fact]
    public async Task Port_Last_NewestPointOfEachMatchingSeries()
    {
        var a = Key("last", "ms", ("host", "a"));
        var b = Key("last", "ms", ("host", "b"));
        var empty = Key("other");
        using var reader = await StoreAsync(
            [Point(a, T0 + (2 * Second), 2), Point(a, T0 + Second, 1), Point(b, T0, 5)],
            [Point(b, T0 + (9 * Second), 6), Point(a, T0 + (2 * Second), 20), Point(empty, T0, double.NaN)]);

        var last = reader.Last("last", []);

        Assert.Equal([(a, new TimePoint(T0 + (2 * Second), 20)), (b, new TimePoint(T0 + (9 * Second), 6))],
            last.Select(s => (s.Key, Assert.Single(s.Points))));
        Assert.Equal([new TimePoint(T0 + (9 * Second), 6)], Assert.Single(reader.Last("l?st", Tags(("host", "b")))).Points);
        Assert.Empty(reader.Last("nosuch", []));
    }

    private static double[] Values(IReadOnlyList<SeriesPoints> result) => [.. Assert.Single(result).Points.Select(p => p.Value)];
}
