using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Fathom.ArchiveQuery;

namespace Fathom.InfluxPeer;

/// <summary>
/// The three queries of bench/archive-query.sh over HTTP GET /query (epoch=ns), each timed as the
/// whole round trip (request sent to response body read, JSON not parsed) on one kept-alive
/// connection: one warm-up, then the median of <c>runs</c>. The JSON of the last run is summed
/// (rows, sum of values) to check both archives answered the same.
/// </summary>
internal static class InfluxQueries
{
    public static IReadOnlyList<(string Id, string Text)> All { get; } =
    [
        ("a", $"SELECT mean(value) FROM \"{QueryShape.Name}\" WHERE \"{QueryShape.TagKey}\"='{QueryShape.OneSeries}' AND time >= {QueryShape.DayFrom} AND time < {QueryShape.DayTo} GROUP BY time(1m) fill(none)"),
        ("b", $"SELECT last(value) FROM \"{QueryShape.Name}\" GROUP BY \"{QueryShape.TagKey}\""),
        ("c", $"SELECT mean(value) FROM \"{QueryShape.Name}\" WHERE \"{QueryShape.TagKey}\"='{QueryShape.OneSeries}' AND time >= {QueryShape.YearFrom} AND time < {QueryShape.YearTo} GROUP BY time(1d) fill(none)"),
    ];

    public static async Task<int> RunAsync(Uri baseUri, string db, int runs)
    {
        using var client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(10) };
        foreach (var (id, text) in All)
        {
            var uri = $"query?db={Uri.EscapeDataString(db)}&epoch=ns&q={Uri.EscapeDataString(text)}";
            var times = new List<double>();
            byte[] body = [];
            for (var i = 0; i <= runs; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(uri);
                body = await response.Content.ReadAsByteArrayAsync();
                var ms = watch.Elapsed.TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    await Console.Error.WriteLineAsync($"query {id}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
                    return 1;
                }

                if (i > 0)
                {
                    times.Add(ms);
                }
            }

            var (series, rows, sum) = Summarize(body);
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"influxdb query={id} median_ms={times[times.Count / 2]:F3} min_ms={times[0]:F3} max_ms={times[^1]:F3} runs={runs} series={series} rows={rows} sum={sum:R} response_bytes={body.Length} influxql=\"{text}\""));
        }

        return 0;
    }

    private static (int Series, long Rows, double Sum) Summarize(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        var result = json.RootElement.GetProperty("results")[0];
        if (result.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException(error.GetString());
        }

        int series = 0;
        long rows = 0;
        var sum = 0.0;
        if (!result.TryGetProperty("series", out var all))
        {
            return (0, 0, 0);
        }

        foreach (var s in all.EnumerateArray())
        {
            series++;
            foreach (var row in s.GetProperty("values").EnumerateArray())
            {
                rows++;
                if (row[1].ValueKind == JsonValueKind.Number)
                {
                    sum += row[1].GetDouble();
                }
            }
        }

        return (series, rows, sum);
    }
}
