using Fathom.Archive.Rollups;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using static Fathom.Archive.Tests.Data;

namespace Fathom.Archive.Tests;

/// <summary>
/// Summaries equal aggregating the raw points: irregular times, NaN, late points into summarised
/// hours, equal times overwritten, batches across series, and a writer restart midway.
/// </summary>
public sealed class RollupEquivalenceTests : IDisposable
{
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;
    private const long Day = 24 * Hour;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<long, string> Shapes()
    {
        var data = new TheoryData<long, string>();
        foreach (var step in new[] { Minute, 5 * Minute, Hour, 3 * Hour, Day, 2 * Day, 45 * Second })
        {
            foreach (var aggregation in Enum.GetValues<Aggregation>())
            {
                data.Add(step, aggregation.ToString());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Query_EqualsAggregatingRawPoints(long step, string aggregationName)
    {
        var aggregation = Enum.Parse<Aggregation>(aggregationName);
        var (path, raw) = Write();
        using var reader = ArchiveReader.Open(path);
        foreach (var (key, points) in raw)
        {
            var expected = Reference(points, step, aggregation, long.MinValue, long.MaxValue);
            var actual = Assert.Single(reader.Query(key.Name, key.Tags, T0 - Day, T0 + (30 * Day), step, aggregation)).Points;
            AssertClose(expected, actual, $"{key.Canonical} step {step / Second}s {aggregation}");
        }

        if (step % Day == 0)
        {
            Assert.True(reader.LastQueryCost.HourRows > 0, "a day step reads the stored hours of complete days");
        }
    }

    [Fact]
    public void Query_SubRange_EqualsAggregatingRawPoints()
    {
        var (path, raw) = Write();
        using var reader = ArchiveReader.Open(path);
        var from = T0 + (2 * Day) + (7 * Hour) + (13 * Minute);
        var to = T0 + (4 * Day) + (3 * Hour);
        foreach (var (key, points) in raw)
        {
            var expected = Reference(points, Hour, Aggregation.Avg, Resolutions.Floor(from, Hour), Resolutions.Floor(to, Hour) + Hour - 1);
            var actual = Assert.Single(reader.Query(key.Name, key.Tags, from, to, Hour, Aggregation.Avg)).Points;
            AssertClose(expected, actual, key.Canonical);
        }
    }

    private (string Path, Dictionary<SeriesKey, SortedDictionary<long, double>> Raw) Write()
    {
        var path = _folder.File("archive.db");
        var keys = new[] { Key("a", "ms", ("t", "1")), Key("b", "", ("t", "2")), Key("c", "%", ("t", "3")) };
        var raw = keys.ToDictionary(k => k, _ => new SortedDictionary<long, double>());
        var random = new Random(7);
        var pending = new List<Measurement>();
        var times = keys.ToDictionary(k => k, _ => T0);
        for (var round = 0; round < 2; round++)
        {
            using var archive = new SqliteArchive(path);
            for (var i = 0; i < 2200; i++)
            {
                foreach (var key in keys)
                {
                    // Irregular steps of 1 s to 10 min: about 15 days per series over both rounds.
                    var time = times[key] += random.Next(1, 600) * Second + random.Next(0, 1000);
                    var value = random.Next(10) == 0 ? double.NaN : Math.Round((random.NextDouble() * 200) - 50, 3);
                    Add(key, time, value);
                    if (random.Next(40) == 0)
                    {
                        // Late: into an hour up to 9 h back (usually summarised already), sometimes an existing time.
                        var late = time - (random.Next(1, 9 * 3600) * Second);
                        var existing = raw[key].Keys.LastOrDefault(t => t <= late);
                        Add(key, random.Next(3) == 0 && existing != 0 ? existing : late, Math.Round(random.NextDouble() * 10, 2));
                    }
                }

                if (pending.Count >= random.Next(1, 400))
                {
                    archive.WriteBatch(pending.ToArray());
                    pending.Clear();
                }
            }

            archive.WriteBatch(pending.ToArray());
            pending.Clear();
        }

        return (path, raw);

        void Add(SeriesKey key, long time, double value)
        {
            pending.Add(Point(key, time, value));
            raw[key][time] = value;
        }
    }

    private static List<TimePoint> Reference(SortedDictionary<long, double> points, long step, Aggregation aggregation, long from, long to)
    {
        var result = new List<TimePoint>();
        foreach (var group in points.Where(p => p.Key >= from && p.Key <= to && !double.IsNaN(p.Value)).GroupBy(p => Resolutions.Floor(p.Key, step)))
        {
            var values = group.Select(p => p.Value).ToList();
            var value = aggregation switch
            {
                Aggregation.Avg => values.Sum() / values.Count,
                Aggregation.Min => values.Min(),
                Aggregation.Max => values.Max(),
                Aggregation.Sum => values.Sum(),
                Aggregation.Count => values.Count,
                _ => values[^1],
            };
            result.Add(new TimePoint(group.Key, value));
        }

        return result;
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
