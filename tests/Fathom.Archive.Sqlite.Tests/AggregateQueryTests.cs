using Fathom.Archive.Blocks;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using static Fathom.Archive.Tests.Data;

namespace Fathom.Archive.Tests;

/// <summary>
/// What SQLite's summaries cost and hold with every batch closing its blocks (a journal bound of 0);
/// the worked query shapes themselves are in the shared suite (ArchivePortContract.WorkedSteps).
/// </summary>
public sealed class AggregateQueryTests : IDisposable
{
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;
    private const long Day = 24 * Hour;

    /// <summary>2026-11-21T00:00:00Z, a Saturday.</summary>
    private const long D0 = T0 - (10 * Hour);

    private static readonly SeriesKey RttA = Key("rtt", "ms", ("target", "a"));
    private static readonly SeriesKey RttB = Key("rtt", "ms", ("target", "b"));
    private static readonly SeriesKey Loss = Key("loss", "%", ("target", "a"));

    // (time, value) of rtt{target=a}; worked examples below.
    private static readonly (long Time, double Value)[] Points =
    [
        (D0 + (10 * Hour), 1),
        (D0 + (10 * Hour) + (20 * Second), 3),
        (D0 + (10 * Hour) + (40 * Second), 5),
        (D0 + (10 * Hour) + Minute, 10),
        (D0 + (11 * Hour) + (30 * Minute), 2),
        (D0 + (11 * Hour) + (31 * Minute), double.NaN),
        (D0 + Day + (15 * Minute), 4),
        (D0 + Day + (2 * Hour), 6),
        (D0 + (2 * Day) + (9 * Hour), 8),
    ];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Summaries_UsedWhenClosed_DayStepReadsARowPerDayNotRawPoints()
    {
        using var reader = Archive(closed: true);
        _ = reader.Query("rtt", [new("target", "a")], D0, D0 + (3 * Day), Day, Aggregation.Sum);

        // Two complete days from their rows of hours; the third day is not complete: its one point is raw.
        Assert.Equal(new QueryCost(0, 2, 0, 1), reader.LastQueryCost);

        _ = reader.Query("rtt", [new("target", "a")], D0, D0 + Day + (3 * Hour), Hour, Aggregation.Sum);
        Assert.Equal(new QueryCost(0, 2, 0, 0), reader.LastQueryCost);
    }

    [Fact]
    public void Summaries_OneRowOfHoursPerCompleteDayWithPoints()
    {
        using (Archive(closed: true))
        {
        }

        using var connection = Sqlite.SqliteConnection.Open(_folder.File("archive.db"), readOnly: true, TimeSpan.FromSeconds(1));
        const string RttA = "(SELECT id FROM series WHERE canonical = 'rtt{target=a}')";
        Assert.Equal(2, connection.ScalarInt64($"SELECT count(*) FROM rollups WHERE res = 3600 AND series_id = {RttA}"));
        Assert.Equal(0, connection.ScalarInt64($"SELECT count(*) FROM rollups WHERE res = 86400"));
        Assert.Equal(0, connection.ScalarInt64("SELECT count(*) FROM rollups WHERE res = 60"));
    }

    private ArchiveReader Archive(bool closed)
    {
        var path = _folder.File("archive.db");
        if (!File.Exists(path))
        {
            // A journal bound of 0 closes every open block at each batch's end.
            using var archive = new SqliteArchive(path, null, closed ? 0 : BlockPointWriter.DefaultMaxJournalPoints);
            archive.WriteBatch([Point(RttB, D0 + (5 * Hour), 7), Point(Loss, D0 + (12 * Hour), 50)]);
            foreach (var (time, value) in Points)
            {
                archive.WriteBatch([Point(RttA, time, value)]);
            }
        }

        return ArchiveReader.Open(path);
    }
}
