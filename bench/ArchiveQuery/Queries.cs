using System.Diagnostics;
using System.Globalization;
using Fathom.Archive;
using Fathom.Core.Storage;

namespace Fathom.ArchiveQuery;

/// <summary>
/// The three queries in process through the read port (<see cref="IArchiveReader"/> from the SQLite backend, as the CLI opens it; one reader, opened once): one
/// warm-up, then the median of <c>runs</c>, each timed from the call to the returned lists. The last
/// result is summed (rows, sum of values) to check that Fathom and InfluxDB answered the same.
/// </summary>
internal static class Queries
{
    public static int Run(string path, int runs)
    {
        var backend = new SqliteArchiveBackend();
        using var reader = backend.OpenReader(backend.ForLocation(path));
        KeyValuePair<string, string>[] one = [new(QueryShape.TagKey, QueryShape.OneSeries)];
        var all = Array.Empty<KeyValuePair<string, string>>();
        (string Id, string Text, Func<IReadOnlyList<SeriesPoints>> Call)[] queries =
        [
            ("a", $"Query(\"{QueryShape.Name}\", {QueryShape.TagKey}={QueryShape.OneSeries}, one day, 1 min, Avg)",
                () => reader.Query(QueryShape.Name, one, QueryShape.DayFrom, QueryShape.DayTo - 1, QueryShape.MinuteNs, Aggregation.Avg)),
            ("b", $"Last(\"{QueryShape.Name}\", no tags)",
                () => reader.Last(QueryShape.Name, all)),
            ("c", $"Query(\"{QueryShape.Name}\", {QueryShape.TagKey}={QueryShape.OneSeries}, one year, 1 d, Avg)",
                () => reader.Query(QueryShape.Name, one, QueryShape.YearFrom, QueryShape.YearTo - 1, QueryShape.DayNs, Aggregation.Avg)),
        ];

        foreach (var (id, text, call) in queries)
        {
            var times = new List<double>();
            IReadOnlyList<SeriesPoints> result = [];
            QueryCost cost = default;
            for (var i = 0; i <= runs; i++)
            {
                var watch = Stopwatch.StartNew();
                result = call();
                var ms = watch.Elapsed.TotalMilliseconds;
                cost = reader.LastQueryCost;
                if (i > 0)
                {
                    times.Add(ms);
                }
            }

            times.Sort();
            var rows = result.Sum(s => s.Points.Count);
            var sum = result.Sum(s => s.Points.Sum(p => p.Value));
            var read = id == "b" ? "" : $" read_day_rows={cost.DayRows} read_hour_rows={cost.HourRows} read_minute_rows={cost.MinuteRows} read_raw_points={cost.RawPoints}";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fathom query={id} median_ms={times[times.Count / 2]:F3} min_ms={times[0]:F3} max_ms={times[^1]:F3} runs={runs} series={result.Count} rows={rows} sum={sum:R}{read} call=\"{text}\""));
        }

        return 0;
    }
}
