using Fathom.Archive.Sqlite;
using Fathom.Core.Storage;

namespace Fathom.Archive.Rollups;

/// <summary>
/// The rollups table through statements prepared once: a row is a run of bucket summaries of one
/// series at one resolution (res, in seconds). A 1 h row holds the hours of one UTC day, keyed by
/// the day's start: it is also that day's summary. A 1 d row holds one day, keyed by its start; it
/// is only written when the day's 1 h row leaves under retention. A 1 min row summarises one raw
/// block (written when the block leaves under retention), keyed by the block's first point time,
/// with end_ns its last.
/// </summary>
internal sealed class RollupRows : ISummarySource, IDisposable
{
    public const string TableSql = """
        CREATE TABLE rollups(
            id INTEGER PRIMARY KEY,
            series_id INTEGER NOT NULL,
            res INTEGER NOT NULL,
            start_ns INTEGER NOT NULL,
            end_ns INTEGER NOT NULL,
            data BLOB NOT NULL);
        CREATE UNIQUE INDEX rollups_key ON rollups(series_id, res, start_ns);
        """;

    private readonly SqliteConnection _connection;
    private readonly SqliteStatement _minuteRange;
    private readonly SqliteStatement _dayRange;
    private readonly SqliteStatement _newest;
    private readonly SqliteStatement? _upsert;
    private byte[] _encoded = new byte[RollupCodec.MaxEncodedBytes(64)];

    public RollupRows(SqliteConnection connection, bool writable)
    {
        _connection = connection;

        // 1 min rows from the last one starting at or before lo: a row may start before a bucket it holds.
        _minuteRange = connection.Prepare("""
            SELECT start_ns, data FROM rollups
            WHERE series_id = ?1 AND res = ?2
              AND start_ns >= coalesce((SELECT max(start_ns) FROM rollups WHERE series_id = ?1 AND res = ?2 AND start_ns <= ?3), ?3)
              AND start_ns < ?4
            ORDER BY start_ns
            """);
        _dayRange = connection.Prepare(
            "SELECT start_ns, data FROM rollups WHERE series_id = ?1 AND res = ?2 AND start_ns >= ?3 AND start_ns < ?4 ORDER BY start_ns");
        _newest = connection.Prepare("SELECT start_ns, end_ns FROM rollups WHERE series_id = ?1 AND res = ?2 ORDER BY start_ns DESC LIMIT 1");
        if (writable)
        {
            _upsert = connection.Prepare("""
                INSERT INTO rollups(series_id, res, start_ns, end_ns, data) VALUES(?1, ?2, ?3, ?4, ?5)
                ON CONFLICT(series_id, res, start_ns) DO UPDATE SET end_ns = excluded.end_ns, data = excluded.data
                """);
        }
    }

    /// <summary>Rows decoded since this object was made.</summary>
    public long RowsRead { get; private set; }

    /// <summary>Folds the stored summaries of buckets starting in [lo, hi) into <paramref name="into"/>.</summary>
    public void Fold(long seriesId, long resolutionNs, long lo, long hi, BucketSeries into)
    {
        if (lo >= hi)
        {
            return;
        }

        var state = new FoldState(into, lo, hi, resolutionNs == Resolutions.MinuteNs ? null : 0);
        var range = resolutionNs == Resolutions.MinuteNs ? _minuteRange : _dayRange;
        try
        {
            range.Bind(1, seriesId);
            range.Bind(2, Resolutions.Seconds(resolutionNs));
            range.Bind(3, resolutionNs == Resolutions.MinuteNs ? lo : Resolutions.Floor(lo, Resolutions.DayNs));
            range.Bind(4, hi);
            while (range.Step())
            {
                RowsRead++;
                try
                {
                    if (state.RowStart is not null)
                    {
                        state = state with { RowStart = range.Int64(0) };
                    }

                    RollupCodec.Decode(range.Blob(1), resolutionNs, ref state, static (ref FoldState s, in RollupBucket b) =>
                    {
                        // An hour or day row holds buckets of the day its key names.
                        if (s.RowStart is { } rowStart && (b.Start < rowStart || b.Start >= rowStart + Resolutions.DayNs))
                        {
                            throw new InvalidDataException($"the row holds a bucket at {b.Start}");
                        }

                        if (b.Start >= s.Lo && b.Start < s.Hi)
                        {
                            s.Into.AddSummary(b);
                        }
                    });
                }
                catch (Exception e) when (e is InvalidDataException or OverflowException)
                {
                    throw new ArchiveException(
                        $"{_connection.Path}: corrupt {Resolutions.Seconds(resolutionNs)} s summary of series {seriesId} at {range.Int64(0)}: {e.Message}", e);
                }
            }
        }
        finally
        {
            range.Reset();
        }
    }

    /// <summary>
    /// The time up to which this series' points are summarised in stored rows: the newest 1 min
    /// row's last point, or the end of the day of the newest 1 h or 1 d row; <see cref="long.MinValue"/> if none.
    /// </summary>
    public long Covered(long seriesId)
    {
        var covered = long.MinValue;
        if (Newest(seriesId, Resolutions.MinuteNs) is { } minute)
        {
            covered = minute.End;
        }

        if (Newest(seriesId, Resolutions.HourNs) is { } hour)
        {
            covered = Math.Max(covered, hour.Start + Resolutions.DayNs - 1);
        }

        if (Newest(seriesId, Resolutions.DayNs) is { } day)
        {
            covered = Math.Max(covered, day.Start + Resolutions.DayNs - 1);
        }

        return covered;
    }

    /// <summary>Stores a run of summaries, replacing the row with the same key.</summary>
    public void Upsert(long seriesId, long resolutionNs, long startNs, long endNs, ReadOnlySpan<RollupBucket> buckets)
    {
        var upsert = _upsert ?? throw new InvalidOperationException("rollup rows opened read-only");
        var room = RollupCodec.MaxEncodedBytes(buckets.Length);
        if (_encoded.Length < room)
        {
            _encoded = new byte[room];
        }

        var length = RollupCodec.Encode(buckets, resolutionNs, _encoded);
        upsert.Bind(1, seriesId);
        upsert.Bind(2, Resolutions.Seconds(resolutionNs));
        upsert.Bind(3, startNs);
        upsert.Bind(4, endNs);
        upsert.BindBlob(5, _encoded.AsSpan(0, length));
        upsert.Run();
    }

    public void Dispose()
    {
        _minuteRange.Dispose();
        _dayRange.Dispose();
        _newest.Dispose();
        _upsert?.Dispose();
    }

    private (long Start, long End)? Newest(long seriesId, long resolutionNs)
    {
        try
        {
            _newest.Bind(1, seriesId);
            _newest.Bind(2, Resolutions.Seconds(resolutionNs));
            return _newest.Step() ? (_newest.Int64(0), _newest.Int64(1)) : null;
        }
        finally
        {
            _newest.Reset();
        }
    }

    private readonly record struct FoldState(BucketSeries Into, long Lo, long Hi, long? RowStart);
}
