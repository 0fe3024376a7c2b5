using Fathom.Archive.Blocks;
using Fathom.Archive.Retention;
using Fathom.Archive.Rollups;
using Fathom.Core.Configuration;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using Fathom.TestSupport;
using static Fathom.Archive.Tests.Data;

namespace Fathom.Archive.Tests;

/// <summary>Retention removes exactly the whole blocks and summaries older than each resolution keeps.</summary>
public sealed class RetentionTests : IDisposable
{
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;
    private const long Day = 24 * Hour;
    private const long Step = 10 * Minute;

    // 40 days at 10 min: 5,760 points, 24 closed blocks of 240 (40 h each), none open.
    private const int Count = 40 * 144;

    private static readonly SeriesKey Rtt = Key("rtt", "ms", ("target", "a"));
    private static readonly RetentionSettings Settings = new(TimeSpan.FromDays(10), TimeSpan.FromDays(20), TimeSpan.FromDays(30), null);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static long Start => T0 - (40 * Day);

    [Fact]
    public void RunRetention_RemovesWholeBlocksAndSummariesPastEachCutoff()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddTicks(T0 / 100));
        var path = _folder.File("archive.db");
        var values = Enumerable.Range(0, Count).Select(i => (double)(i % 17)).ToArray();
        using (var archive = new SqliteArchive(path, null, RetentionSettings.Forever, time))
        {
            archive.WriteBatch([.. Enumerable.Range(0, Count).Select(i => Point(Rtt, Start + (i * Step), values[i]))]);
        }

        var rawCutoff = T0 - (10 * Day);
        var minuteCutoff = T0 - (20 * Day);
        var hourCutoff = T0 - (30 * Day);

        // Block k holds points 240k..240k+239; it goes when its last point is older than the raw cutoff.
        var blocksKept = Enumerable.Range(0, Count / BlockPointWriter.BlockPoints).Where(k => Start + ((240 * k) + 239) * Step >= rawCutoff).ToList();
        var firstRawKept = blocksKept[0] * 240;
        var minuteRowsMade = Enumerable.Range(0, blocksKept[0]).Count(k => Start + ((240 * k) + 239) * Step >= minuteCutoff);

        RetentionTotals totals;
        using (var archive = new SqliteArchive(path, null, Settings, time))
        {
            var hoursBefore = archive.Connection.ScalarInt64("SELECT count(*) FROM rollups WHERE res = 3600");
            totals = archive.RunRetentionNow();
            Assert.Equal(blocksKept.Count, archive.Connection.ScalarInt64("SELECT count(*) FROM blocks"));
            Assert.Equal(minuteRowsMade, archive.Connection.ScalarInt64("SELECT count(*) FROM rollups WHERE res = 60"));
            // Hours are stored a row per day: rows of days wholly before the cutoff went, the cutoff's own day stayed.
            Assert.Equal(0, archive.Connection.ScalarInt64($"SELECT count(*) FROM rollups WHERE res = 3600 AND start_ns + {Day} <= {hourCutoff}"));
            Assert.Equal(1, archive.Connection.ScalarInt64($"SELECT count(*) FROM rollups WHERE res = 3600 AND start_ns < {hourCutoff} AND start_ns + {Day} > {hourCutoff}"));

            // Days are kept forever: each day whose hours went is now a 1 d row.
            Assert.Equal(totals.HourRows, archive.Connection.ScalarInt64("SELECT count(*) FROM rollups WHERE res = 86400"));
            Assert.True(totals.HourRows >= 9, $"{totals.HourRows} days of hours removed");
            Assert.Equal(hoursBefore - totals.HourRows, archive.Connection.ScalarInt64("SELECT count(*) FROM rollups WHERE res = 3600"));
            Assert.Equal("ok", archive.Connection.ScalarText("PRAGMA integrity_check"));
        }

        Assert.Equal(new RetentionTotals(24 - blocksKept.Count, (24 - blocksKept.Count) * 240L, 0, totals.HourRows, 0, 0), totals);

        using var reader = ArchiveReader.Open(path);

        // Raw: exactly the kept blocks' points.
        var raw = Assert.Single(reader.Query("rtt", [], long.MinValue, long.MaxValue)).Points;
        Assert.Equal(Enumerable.Range(firstRawKept, Count - firstRawKept).Select(i => new TimePoint(Start + (i * Step), values[i])), raw);

        // 1 min: the removed blocks' minutes are still there from 1 min summaries if younger than 20 d.
        var firstMinute = (blocksKept[0] - minuteRowsMade) * 240;
        var minutes = Assert.Single(reader.Query("rtt", [], long.MinValue / 2, T0, Minute, Aggregation.Last)).Points;
        Assert.Equal(Enumerable.Range(firstMinute, Count - firstMinute).Select(i => new TimePoint(Start + (i * Step), values[i])), minutes);

        // 1 d: kept forever, so every day is still summed.
        var days = Assert.Single(reader.Query("rtt", [], long.MinValue / 2, T0, Day, Aggregation.Sum)).Points;
        var expectedDays = Enumerable.Range(0, Count).GroupBy(i => Resolutions.Floor(Start + (i * Step), Day)).Select(g => new TimePoint(g.Key, g.Sum(i => values[i])));
        Assert.Equal(expectedDays, days);
    }

    [Fact]
    public void WriteBatch_SamplesOlderThanRetainRaw_AreNotStoredAndCounted()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddTicks(T0 / 100));
        var path = _folder.File("archive.db");
        using var archive = new SqliteArchive(path, null, Settings, time);
        archive.WriteBatch([Point(Rtt, T0 - (11 * Day), 1), Point(Rtt, T0 - (9 * Day), 2), Point(Rtt, T0, 3)]);
        Assert.Equal(1, archive.Retention.ExpiredSamples);

        using var reader = ArchiveReader.Open(path);
        Assert.Equal([2.0, 3.0], Assert.Single(reader.Query("rtt", [], long.MinValue, long.MaxValue)).Points.Select(p => p.Value));
    }

    [Fact]
    public void WriteBatch_RetentionRunsInStepsBetweenBatches_EveryInterval()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddTicks(T0 / 100));
        var path = _folder.File("archive.db");
        var keys = Enumerable.Range(0, RetentionRunnerSteps + 10).Select(i => Key("s", "", ("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToArray();
        using (var archive = new SqliteArchive(path, null, RetentionSettings.Forever, time))
        {
            // One closed block per series, 20 days old.
            archive.WriteBatch([.. keys.SelectMany(k => Enumerable.Range(0, 240).Select(i => Point(k, T0 - (20 * Day) + (i * Second), i)))]);
        }

        using var retained = new SqliteArchive(path, null, Settings, time);
        Assert.Equal(keys.Length, retained.Connection.ScalarInt64("SELECT count(*) FROM blocks"));

        // The first batch starts a pass and runs one step; the next finishes it.
        retained.WriteBatch([Point(keys[0], T0, 1)]);
        Assert.Equal(10, retained.Connection.ScalarInt64("SELECT count(*) FROM blocks"));
        retained.WriteBatch([Point(keys[0], T0 + Second, 1)]);
        Assert.Equal(0, retained.Connection.ScalarInt64("SELECT count(*) FROM blocks"));
        Assert.Equal(keys.Length, retained.Retention.Blocks);
    }

    [Fact]
    public void RunRetention_EventsAndEndedStatusRangesOlderThanRetainRaw_Removed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddTicks(T0 / 100));
        var path = _folder.File("archive.db");
        using (var archive = new SqliteArchive(path, null, RetentionSettings.Forever, time))
        {
            archive.WriteBatch(
            [
                Event("trace.path", T0 - (12 * Day), "{}"),
                Event("trace.path", T0 - (9 * Day), "{}"),
                Status("eth0", T0 - (15 * Day), "up"),
                Status("eth0", T0 - (11 * Day), "up"),
                Status("eth0", T0 - (9 * Day), "down"),
                Status("eth1", T0 - (20 * Day), "up"),
                Status("eth1", T0 - (2 * Day), "up"),
            ]);
        }

        // One writer at a time: the first must be closed before the second takes the archive's lock.

        using var retained = new SqliteArchive(path, null, Settings, time);
        var totals = retained.RunRetentionNow();

        // eth0's first range (up, -15 d..-11 d) ended before the cutoff; eth1's one range runs to -2 d.
        Assert.Equal((1L, 1L), (totals.Events, totals.StatusRanges));
        using var reader = ArchiveReader.Open(path);
        Assert.Equal([T0 - (9 * Day)], reader.ListEvents(long.MinValue, long.MaxValue).Select(e => e.TimeUnixNs));
        Assert.Equal([("eth0", "down"), ("eth1", "up")], reader.ListStatus().Select(r => (r.Element, r.Oper)));
    }

    private const int RetentionRunnerSteps = RetentionRunner.SeriesPerStep;
}
