using Fathom.Archive.Rollups;
using Fathom.Archive.Sqlite;
using Fathom.Core.Storage;
using static Fathom.Archive.Tests.Data;

namespace Fathom.Archive.Tests;

/// <summary>Archives of the earlier forms open, gain their summaries, and answer summary queries like raw ones.</summary>
public sealed class SummaryMigrationTests : IDisposable
{
    private const long Hour = 3600 * Second;
    private const long Day = 24 * Hour;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Version2File_MigratesToVersion4_WithSummariesOfEveryClosedBlock()
    {
        var path = _folder.File("archive.db");
        var key = Key("rtt", "ms", ("target", "a"));
        using (var archive = new SqliteArchive(path))
        {
            // Five days at 10 min: six closed blocks and an open one.
            archive.WriteBatch([.. Enumerable.Range(0, 720).Select(i => Point(key, T0 + (i * 600 * Second), i % 13))]);
        }

        // Turn it back into version 2: no rollups table, version 2.
        using (var raw = SqliteConnection.Open(path, readOnly: false, TimeSpan.FromSeconds(1)))
        {
            raw.Execute("DROP TABLE rollups; PRAGMA user_version = 2; UPDATE meta SET value = '2' WHERE key = 'schema_version'");
        }

        using (var reader = ArchiveReader.Open(path))
        {
            // A version 2 file is read as it is: aggregated from raw points (5 days from 10:00 touch 6 dates).
            Assert.Equal(6, Assert.Single(reader.Query("rtt", [], T0, T0 + (5 * Day), Day, Aggregation.Count)).Points.Count);
            Assert.Equal(new QueryCost(0, 0, 0, 720), reader.LastQueryCost);
        }

        using (var archive = new SqliteArchive(path))
        {
            Assert.Equal(4, archive.Connection.ScalarInt64("PRAGMA user_version"));
            Assert.Equal("ok", archive.Connection.ScalarText("PRAGMA integrity_check"));

            // Three blocks of 240 points at 10 min, all closed, reach into a sixth date: five complete days, a row each.
            Assert.Equal(5, archive.Connection.ScalarInt64("SELECT count(*) FROM rollups WHERE res = 3600"));
        }

        using var migrated = ArchiveReader.Open(path);
        var byDay = Assert.Single(migrated.Query("rtt", [], T0, T0 + (5 * Day), Day, Aggregation.Sum)).Points;
        var expected = Enumerable.Range(0, 720)
            .GroupBy(i => Resolutions.Floor(T0 + (i * 600 * Second), Day))
            .Select(g => new TimePoint(g.Key, g.Sum(i => i % 13)));
        Assert.Equal(expected, byDay);
        Assert.Equal(5, migrated.LastQueryCost.HourRows);
    }

    [Fact]
    public void Version1File_MigratesThroughVersion2_WithSummaries()
    {
        var path = _folder.File("archive.db");
        var points = Enumerable.Range(0, 600).Select(i => ("rtt", T0 + (i * 300 * Second), (double)(i % 7))).ToList();
        V1Archive.Write(path, points);
        using (var archive = new SqliteArchive(path))
        {
            Assert.Equal(4, archive.Connection.ScalarInt64("PRAGMA user_version"));
        }

        using var reader = ArchiveReader.Open(path);
        var byHour = Assert.Single(reader.Query("rtt", [], T0, T0 + (3 * Day), Hour, Aggregation.Max)).Points;
        var expected = points.GroupBy(p => Resolutions.Floor(p.Item2, Hour)).Select(g => new TimePoint(g.Key, g.Max(p => p.Item3)));
        Assert.Equal(expected, byHour);
        Assert.Equal(2, reader.LastQueryCost.HourRows);
    }
}
