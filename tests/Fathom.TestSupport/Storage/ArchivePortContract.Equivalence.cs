using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.TestSupport.Storage;

/// <summary>
/// Step answers equal aggregating the raw points over irregular times, NaN, late points into
/// summarised hours, equal times overwritten, batches across series and a writer restart midway.
/// </summary>
public abstract partial class ArchivePortContract
{
    [Fact]
    public async Task Port_IrregularLateAndRestarted_EveryStepEqualsAggregatingRawPoints()
    {
        var (reader, raw) = await StoreIrregularAsync();
        using var _ = reader;
        foreach (var step in new[] { 45 * Second, Minute, 5 * Minute, Hour, 3 * Hour, Day, 2 * Day })
        {
            foreach (var aggregation in Enum.GetValues<Aggregation>())
            {
                foreach (var (key, points) in raw)
                {
                    var actual = Assert.Single(reader.Query(key.Name, key.Tags, T0 - Day, T0 + (30 * Day), step, aggregation)).Points;
                    AssertClose(Naive(points, T0 - Day, T0 + (30 * Day), step, aggregation), actual, $"{key.Canonical} step {step / Second}s {aggregation}");
                }

                if (step % Day == 0 && KeepsSummaries)
                {
                    Assert.True(reader.LastQueryCost.HourRows > 0, $"a day step reads the stored hours of complete days: {reader.LastQueryCost}");
                }
            }
        }

        // A sub-range with ends inside hours.
        var from = T0 + (2 * Day) + (7 * Hour) + (13 * Minute);
        var to = T0 + (4 * Day) + (3 * Hour);
        foreach (var (key, points) in raw)
        {
            var actual = Assert.Single(reader.Query(key.Name, key.Tags, from, to, Hour, Aggregation.Avg)).Points;
            AssertClose(Naive(points, from, to, Hour, Aggregation.Avg), actual, key.Canonical);
            Assert.Equal(points.Count, Assert.Single(reader.ListSeries(key.Name)).PointCount);
        }

        Assert.Empty(reader.Check().Problems);
    }

    private async Task<(IArchiveReader Reader, Dictionary<SeriesKey, Dictionary<long, double>> Raw)> StoreIrregularAsync()
    {
        var keys = new[] { Key("eq.a", "ms", ("t", "1")), Key("eq.b", "", ("t", "2")), Key("eq.c", "%", ("t", "3")) };
        var raw = keys.ToDictionary(k => k, _ => new Dictionary<long, double>());
        var random = new Random(7);
        var pending = new List<Measurement>();
        var times = keys.ToDictionary(k => k, _ => T0);
        var options = Options();
        for (var round = 0; round < 2; round++)
        {
            // Two writers one after the other: the second continues the first's open blocks.
            using var writer = OpenWriter(options);
            for (var i = 0; i < 2200; i++)
            {
                foreach (var key in keys)
                {
                    // Irregular steps of 1 s to 10 min: about 15 days per series over both rounds.
                    var time = times[key] += (random.Next(1, 600) * Second) + random.Next(0, 1000);
                    Add(key, time, random.Next(10) == 0 ? double.NaN : Math.Round((random.NextDouble() * 200) - 50, 3));
                    if (random.Next(40) == 0)
                    {
                        // Late: into an hour up to 9 h back (usually summarised already), sometimes an existing time.
                        var late = time - (random.Next(1, 9 * 3600) * Second);
                        var existing = raw[key].Keys.Where(t => t <= late).DefaultIfEmpty(0).Max();
                        Add(key, random.Next(3) == 0 && existing != 0 ? existing : late, Math.Round(random.NextDouble() * 10, 2));
                    }
                }

                if (pending.Count >= random.Next(1, 400))
                {
                    await WriteAsync(writer, pending);
                    pending.Clear();
                }
            }

            await WriteAsync(writer, pending);
            pending.Clear();
        }

        return (OpenReader(options), raw);

        void Add(SeriesKey key, long time, double value)
        {
            pending.Add(Point(key, time, value));
            raw[key][time] = value;
        }
    }

    private static void AssertClose(List<TimePoint> expected, IReadOnlyList<TimePoint> actual, string what)
    {
        Assert.True(expected.Count == actual.Count, $"{what}: {expected.Count} buckets expected, got {actual.Count}");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].TimeNs, actual[i].TimeNs);

            // Sums add in another order across summaries: equal to rounding.
            var tolerance = 1e-9 * Math.Max(1, Math.Abs(expected[i].Value));
            Assert.True(Math.Abs(expected[i].Value - actual[i].Value) <= tolerance, $"{what} bucket {i}: {expected[i].Value} expected, got {actual[i].Value}");
        }
    }
}
