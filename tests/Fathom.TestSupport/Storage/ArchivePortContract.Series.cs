using Fathom.Core.Measurements;

namespace Fathom.TestSupport.Storage;

public abstract partial class ArchivePortContract
{
    private static readonly SeriesKey CpuA0 = Key("cpu.user", "%", ("host", "a"), ("cpu", "0"));
    private static readonly SeriesKey CpuA1 = Key("cpu.user", "%", ("host", "a"), ("cpu", "1"));
    private static readonly SeriesKey CpuB0 = Key("cpu.user", "%", ("host", "b"), ("cpu", "0"));
    private static readonly SeriesKey SysA = Key("cpu.system", "%", ("host", "a"));
    private static readonly SeriesKey MemA = Key("mem.free", "B", ("host", "a"));
    private static readonly SeriesKey Plain = Key("uptime", "s");

    private Task<Core.Storage.IArchiveReader> StoreSeriesAsync() => StoreAsync(
    [
        Point(CpuA0, T0, 1), Point(CpuA1, T0, 2), Point(CpuB0, T0, 3), Point(SysA, T0, 4), Point(MemA, T0, 5), Point(Plain, T0, 6),
        Point(CpuA0, T0 + Second, 11), Point(CpuB0, T0 + (2 * Second), 13),
    ]);

    [Fact]
    public async Task Port_ListSeries_AllInCanonicalOrderWithCountsAndTimes()
    {
        using var reader = await StoreSeriesAsync();

        var all = reader.ListSeries();

        SeriesKey[] keys = [CpuA0, CpuA1, CpuB0, SysA, MemA, Plain];
        Assert.Equal(keys.OrderBy(k => k.Canonical, StringComparer.Ordinal), all.Select(s => s.Key));
        Assert.Equal(6, all.Select(s => s.Id).Distinct().Count());
        var a0 = all.Single(s => s.Key.Equals(CpuA0));
        Assert.Equal((2L, T0, T0 + Second), (a0.PointCount, a0.FirstTimeNs!.Value, a0.LastTimeNs!.Value));
        Assert.Equal(["%", "%", "%", "%", "B", "s"], all.Select(s => s.Key.Unit).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("cpu.*", "cpu.system cpu.user cpu.user cpu.user")]
    [InlineData("cpu.user", "cpu.user cpu.user cpu.user")]
    [InlineData("*.*", "cpu.system cpu.user cpu.user cpu.user mem.free")]
    [InlineData("???.free", "mem.free")]
    [InlineData("*time", "uptime")]
    [InlineData("CPU.*", "")]
    [InlineData("cpu", "")]
    [InlineData("nosuch*", "")]
    public async Task Port_ListSeriesByGlob_OnlyMatchingNames(string glob, string names)
    {
        using var reader = await StoreSeriesAsync();

        Assert.Equal(names, string.Join(' ', reader.ListSeries(glob).Select(s => s.Key.Name).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task Port_QueryByTags_SeriesCarryingEveryTag()
    {
        using var reader = await StoreSeriesAsync();

        Assert.Equal([CpuA0, CpuA1], reader.Query("cpu.user", Tags(("host", "a")), long.MinValue, long.MaxValue).Select(s => s.Key));
        Assert.Equal([CpuA0], reader.Query("cpu.user", Tags(("host", "a"), ("cpu", "0")), long.MinValue, long.MaxValue).Select(s => s.Key));
        Assert.Equal([new(T0, 1), new Core.Storage.TimePoint(T0 + Second, 11)],
            Assert.Single(reader.Query("cpu.user", Tags(("cpu", "0"), ("host", "a")), long.MinValue, long.MaxValue)).Points);
        Assert.Equal(
            new[] { SysA, CpuA0, CpuA1, MemA }.OrderBy(k => k.Canonical, StringComparer.Ordinal),
            reader.Query("*", Tags(("host", "a")), long.MinValue, long.MaxValue).Select(s => s.Key));
        Assert.Empty(reader.Query("cpu.user", Tags(("host", "c")), long.MinValue, long.MaxValue));
        Assert.Empty(reader.Query("cpu.user", Tags(("host", "b"), ("cpu", "1")), long.MinValue, long.MaxValue));
        Assert.Empty(reader.Query("uptime", Tags(("host", "a")), long.MinValue, long.MaxValue));
        Assert.Empty(reader.Query("cpu.user", Tags(("HOST", "a")), long.MinValue, long.MaxValue));
    }

    [Fact]
    public async Task Port_ManySeries_EachReadsBackItsOwnPoints()
    {
        var keys = Enumerable.Range(0, 300).Select(i => Key("many", "", ("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToArray();
        using var reader = await StoreAsync(
            [.. keys.SelectMany((k, i) => new[] { Point(k, T0, i), Point(k, T0 + Second, -i) })]);

        var result = reader.Query("many", [], long.MinValue, long.MaxValue);

        Assert.Equal(300, result.Count);
        foreach (var series in result)
        {
            var n = double.Parse(series.Key.Tag("n")!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal([new(T0, n), new Core.Storage.TimePoint(T0 + Second, -n)], series.Points);
        }
    }
}
