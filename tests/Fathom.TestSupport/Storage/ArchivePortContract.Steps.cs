using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.TestSupport.Storage;

public abstract partial class ArchivePortContract
{
    /// <summary>2026-11-19T10:00:00Z: the long series runs from here over two UTC midnights to T0 + 4 h.</summary>
    protected const long LongStart = T0 - (2 * Day);

    private static readonly SeriesKey Long = Key("long", "ms", ("host", "a"));
    private static readonly SeriesKey Sparse = Key("long", "ms", ("host", "b"));

    public static TheoryData<long, Aggregation> Steps()
    {
        var data = new TheoryData<long, Aggregation>();
        foreach (var step in new[] { Second, 7 * Second, 90 * Second, Minute, 5 * Minute, Hour, 3 * Hour, Day, 2 * Day })
        {
            foreach (var aggregation in Enum.GetValues<Aggregation>())
            {
                data.Add(step, aggregation);
            }
        }

        return data;
    }

    /// <summary>A point every 30 s (values multiples of 0.25 so sums are exact, a NaN now and then) and a sparse series.</summary>
    protected static Dictionary<long, double> LongPoints()
    {
        var points = new Dictionary<long, double>();
        for (long t = LongStart, i = 0; t < T0 + (4 * Hour); t += 30 * Second, i++)
        {
            points[t] = i % 97 == 13 ? double.NaN : ((i * 37 % 101) - 50) * 0.25;
        }

        return points;
    }

    protected static Dictionary<long, double> SparsePoints() =>
        Enumerable.Range(0, 40).ToDictionary(i => LongStart + (i * 77 * Minute) + (i * Second), i => i % 5 == 0 ? -i : i * 1.5);

    protected static IEnumerable<Measurement[]> Batches(SeriesKey key, Dictionary<long, double> points, int size = 500) =>
        points.OrderBy(p => p.Key).Select(p => Point(key, p.Key, p.Value)).Chunk(size);

    /// <summary>The step answer computed naively from raw points: every bucket with a non-NaN point between the one holding from and the one holding to.</summary>
    protected static List<TimePoint> Naive(IReadOnlyDictionary<long, double> points, long fromNs, long toNs, long stepNs, Aggregation aggregation)
    {
        var lo = Floor(fromNs, stepNs);
        var hi = Floor(toNs, stepNs) + stepNs;
        return [.. points
            .Where(p => p.Key >= lo && p.Key < hi && !double.IsNaN(p.Value))
            .GroupBy(p => Floor(p.Key, stepNs))
            .OrderBy(g => g.Key)
            .Select(g => new TimePoint(g.Key, aggregation switch
            {
                Aggregation.Avg => g.Sum(p => p.Value) / g.Count(),
                Aggregation.Min => g.Min(p => p.Value),
                Aggregation.Max => g.Max(p => p.Value),
                Aggregation.Sum => g.Sum(p => p.Value),
                Aggregation.Count => g.Count(),
                Aggregation.Last => g.MaxBy(p => p.Key).Value,
                _ => throw new ArgumentOutOfRangeException(nameof(aggregation)),
            }))];
    }

    protected static long Floor(long timeNs, long stepNs) => timeNs - (((timeNs % stepNs) + stepNs) % stepNs);

    private async Task<IArchiveReader> StoreLongAsync(params Measurement[] after) =>
        await StoreAsync([.. Batches(Long, LongPoints()), .. Batches(Sparse, SparsePoints()), after]);

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Port_StepQueryOverDays_EqualsNaiveAggregationOfRawPoints(long stepNs, Aggregation aggregation)
    {
        using var reader = await StoreLongAsync();

        var whole = reader.Query("long", [], long.MinValue / 2, long.MaxValue / 2, stepNs, aggregation);
        Assert.Equal([Long, Sparse], whole.Select(s => s.Key));
        Assert.Equal(Naive(LongPoints(), LongStart, T0 + (4 * Hour), stepNs, aggregation), whole[0].Points);
        Assert.Equal(Naive(SparsePoints(), LongStart, T0 + (4 * Hour), stepNs, aggregation), whole[1].Points);

        // Ends inside buckets: the buckets holding them are whole.
        var from = LongStart + (5 * Hour) + (17 * Second);
        var to = T0 + Hour + (3 * Second);
        var part = Assert.Single(reader.Query("long", Tags(("host", "a")), from, to, stepNs, aggregation));
        Assert.Equal(Naive(LongPoints(), from, to, stepNs, aggregation), part.Points);
    }

    [Fact]
    public async Task Port_WholeHourStep_ReadsHourSummariesForCompleteDays()
    {
        using var reader = await StoreLongAsync();

        var answer = Assert.Single(reader.Query("long", Tags(("host", "a")), LongStart, T0 + (4 * Hour), Hour, Aggregation.Avg));

        Assert.Equal(Naive(LongPoints(), LongStart, T0 + (4 * Hour), Hour, Aggregation.Avg), answer.Points);
        if (KeepsSummaries)
        {
            // 2026-11-19 and 11-20 are complete UTC days before the newest: their hours come from summaries, not from 4,560 raw points.
            var cost = reader.LastQueryCost;
            Assert.True(cost.HourRows > 0, $"no hour summaries read: {cost}");
            Assert.True(cost.RawPoints < LongPoints().Count / 2, $"read {cost.RawPoints} raw points: {cost}");
        }
    }

    [Theory]
    [InlineData(Minute, Aggregation.Avg)]
    [InlineData(Hour, Aggregation.Last)]
    [InlineData(Hour, Aggregation.Sum)]
    [InlineData(Day, Aggregation.Min)]
    [InlineData(Day, Aggregation.Count)]
    [InlineData(Day, Aggregation.Max)]
    public async Task Port_LateWritesIntoSummarisedDays_StepAnswerFollowsThem(long stepNs, Aggregation aggregation)
    {
        var points = LongPoints();
        var late = new Dictionary<long, double>
        {
            [LongStart + (2 * Hour)] = 1000,             // replaces a value of a closed, summarised block
            [LongStart + (14 * Hour) + (15 * Second)] = -1000, // a new time between two points of 11-20
            [T0 - Day] = double.NaN,                     // a value becomes "no value"
            [LongStart - Day] = 8.5,                     // older than everything: a new day
        };
        foreach (var (t, v) in late)
        {
            points[t] = v;
        }

        using var reader = await StoreLongAsync([.. late.Select(p => Point(Long, p.Key, p.Value))]);

        var answer = Assert.Single(reader.Query("long", Tags(("host", "a")), long.MinValue / 2, long.MaxValue / 2, stepNs, aggregation));
        Assert.Equal(Naive(points, LongStart - Day, T0 + (4 * Hour), stepNs, aggregation), answer.Points);
        Assert.Equal(points.Count, Assert.Single(reader.ListSeries("long"), s => s.Key.Equals(Long)).PointCount);
    }

    [Fact]
    public async Task Port_TinyStepOverHugeRange_OnePointPerBucketWithPoints()
    {
        using var reader = await StoreLongAsync();

        // A 1 ns step over all of time: buckets without points are not returned, so the answer is the points themselves.
        var answer = Assert.Single(reader.Query("long", Tags(("host", "b")), long.MinValue, long.MaxValue, 1, Aggregation.Last));

        Assert.Equal(SparsePoints().OrderBy(p => p.Key).Select(p => new TimePoint(p.Key, p.Value)), answer.Points);
    }
}
