using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.TestSupport.Storage;

public abstract partial class ArchivePortContract
{
    private const string Retention = "    retain_raw 1d\n    retain_1m 2d\n    retain_1h 2d\n";

    /// <summary>2026-11-18T00:00:00Z, a point a minute from here to T0 + 4 h (the retention pass's now).</summary>
    private const long RetainedStart = LongStart - (34 * Hour);

    private const long Now = T0 + (4 * Hour);

    [Fact]
    public async Task Port_Retention_ExpiredRawGoneSummariesAndNewDataIntact()
    {
        var key = Key("kept", "ms", ("host", "r"));
        var points = new Dictionary<long, double>();
        for (long t = RetainedStart, i = 0; t <= Now; t += Minute, i++)
        {
            points[t] = ((i * 53 % 89) - 44) * 0.5;
        }

        var options = Options(Retention);
        using (var writer = OpenWriter(options))
        {
            foreach (var batch in Batches(key, points, 120))
            {
                // The clock follows the data, as in a daemon: retention runs as the batches come.
                Time.SetUtcNow(At(batch[^1].Sample.TimeUnixNs));
                await WriteAsync(writer, batch);
            }

            Time.SetUtcNow(At(Now - (2 * Day)));
            await WriteAsync(writer, [Event("old", Now - (2 * Day), "{}"), Status("old-link", Now - (2 * Day), "up")]);
            Time.SetUtcNow(At(Now));
            await WriteAsync(writer, [Event("new", Now, "{}"), Status("new-link", Now - (2 * Day), "up"), Status("new-link", Now, "up")]);
            RunRetention(writer);

            // A sample already older than retain_raw is not stored at all.
            await WriteAsync(writer, [Point(key, Now - (1 * Day) - Hour, 12345)]);
        }

        using var reader = OpenReader(options);
        var rawCutoff = Now - Day;
        var raw = Assert.Single(reader.Query("kept", [], long.MinValue, long.MaxValue)).Points;
        Assert.Equal(points.Where(p => p.Key >= rawCutoff).Select(p => new TimePoint(p.Key, p.Value)), raw.Where(p => p.TimeNs >= rawCutoff));
        Assert.All(raw, p => Assert.Equal(points[p.TimeNs], p.Value));
        Assert.True(raw[0].TimeNs > rawCutoff - Day, $"raw points from {At(raw[0].TimeNs):O} are still there");

        // Days: 11-18 from its 1 d summary (its hours are gone), 11-19 and 11-20 from hours, 11-21 from raw points.
        foreach (var aggregation in Enum.GetValues<Aggregation>())
        {
            var days = Assert.Single(reader.Query("kept", [], long.MinValue / 2, long.MaxValue / 2, Day, aggregation)).Points;
            Assert.Equal(Naive(points, RetainedStart, Now, Day, aggregation), days);
        }

        // Hours of days whose hours expired are gone; the others are whole.
        var firstHourKept = Floor(Now - (2 * Day), Day);
        var hours = Assert.Single(reader.Query("kept", [], long.MinValue / 2, long.MaxValue / 2, Hour, Aggregation.Sum)).Points;
        Assert.Equal(Naive(points.Where(p => p.Key >= firstHourKept).ToDictionary(), firstHourKept, Now, Hour, Aggregation.Sum), hours);

        // Minutes: everything younger than retain_1m, from 1 min summaries where the raw points went.
        var minuteCutoff = Now - (2 * Day);
        var minutes = Assert.Single(reader.Query("kept", [], long.MinValue / 2, long.MaxValue / 2, 5 * Minute, Aggregation.Avg)).Points;
        Assert.Equal(Naive(points, minuteCutoff, Now, 5 * Minute, Aggregation.Avg), minutes.Where(p => p.TimeNs >= minuteCutoff));
        Assert.True(minutes[0].TimeNs > minuteCutoff - Day, $"1 min summaries from {At(minutes[0].TimeNs):O} are still there");
        if (KeepsSummaries)
        {
            Assert.True(reader.LastQueryCost.MinuteRows > 0, $"no 1 min summaries read: {reader.LastQueryCost}");
        }

        Assert.Equal(["new"], reader.ListEvents(long.MinValue, long.MaxValue).Select(e => e.Name));
        Assert.Equal([new StatusRange("new-link", Now - (2 * Day), Now, "up", null)], reader.ListStatus());
        Assert.Empty(reader.Check().Problems);
    }
}
