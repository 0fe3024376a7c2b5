using Fathom.Archive.Blocks;
using Fathom.Archive.Rollups;
using Fathom.Archive.Sqlite;
using Fathom.Core.Storage;

namespace Fathom.Archive.Retention;

/// <summary>
/// Removes what is older than each resolution keeps, a bounded number of series per step so the
/// writer's transactions stay short. Removal is whole: a raw block goes once its newest point is
/// older than the raw cutoff, a 1 min row likewise, a day's 1 h row or 1 d row once the whole day is.
/// Before a raw block goes, its 1 min summary is stored if 1 min summaries are kept longer; before a
/// day's hours go, the day's summary is stored if days are kept longer.
/// Events and status ranges are kept as long as raw points (a status range goes once it ended).
/// </summary>
internal sealed class RetentionPass : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly RollupRows _rows;
    private readonly SqliteStatement _expiredBlocks;
    private readonly SqliteStatement _deleteBlock;
    private readonly SqliteStatement _deleteMinuteRows;
    private readonly SqliteStatement _deleteBuckets;
    private readonly SqliteStatement _expiredHours;
    private readonly BucketSeries _day = new(Resolutions.DayNs);
    private readonly BucketSeries _minutes = new(Resolutions.MinuteNs);
    private long[] _times = new long[BlockPointWriter.BlockPoints];
    private double[] _values = new double[BlockPointWriter.BlockPoints];
    private RollupBucket[] _buckets = new RollupBucket[BlockPointWriter.BlockPoints];
    private long _next;
    private readonly long _last;

    public RetentionPass(SqliteConnection connection, RollupRows rows, RetentionCutoffs cutoffs)
    {
        _connection = connection;
        _rows = rows;
        Cutoffs = cutoffs;
        _expiredBlocks = connection.Prepare(
            "SELECT id, start_ns, end_ns, count, data FROM blocks WHERE series_id = ?1 AND start_ns < ?2 AND end_ns < ?2 ORDER BY start_ns");
        _deleteBlock = connection.Prepare("DELETE FROM blocks WHERE id = ?1");
        _deleteMinuteRows = connection.Prepare("DELETE FROM rollups WHERE series_id = ?1 AND res = ?2 AND start_ns < ?3 AND end_ns < ?3");
        _deleteBuckets = connection.Prepare("DELETE FROM rollups WHERE series_id = ?1 AND res = ?2 AND start_ns <= ?3");
        _expiredHours = connection.Prepare("SELECT start_ns FROM rollups WHERE series_id = ?1 AND res = 3600 AND start_ns <= ?2 ORDER BY start_ns");
        _next = 1;
        _last = _connection.ScalarInt64("SELECT coalesce(max(id), 0) FROM series");
    }

    public RetentionCutoffs Cutoffs { get; }

    public bool Done => _next > _last;

    /// <summary>Removes the expired data of up to <paramref name="maxSeries"/> series (events and status first), inside the caller's transaction.</summary>
    public RetentionTotals Step(int maxSeries)
    {
        var totals = default(RetentionTotals);
        if (_next == 1 && Cutoffs.Raw != long.MinValue)
        {
            _connection.Execute(FormattableString.Invariant($"DELETE FROM events WHERE time_ns < {Cutoffs.Raw}"));
            var events = _connection.Changes;
            _connection.Execute(FormattableString.Invariant($"DELETE FROM status WHERE end_ns < {Cutoffs.Raw}"));
            totals += new RetentionTotals(0, 0, 0, 0, 0, 0) { Events = events, StatusRanges = _connection.Changes };
        }

        for (var n = 0; n < maxSeries && !Done; n++, _next++)
        {
            totals += Series(_next);
        }

        return totals;
    }

    public void Dispose()
    {
        _expiredBlocks.Dispose();
        _deleteBlock.Dispose();
        _deleteMinuteRows.Dispose();
        _deleteBuckets.Dispose();
        _expiredHours.Dispose();
    }

    private RetentionTotals Series(long seriesId)
    {
        long blocks = 0, points = 0;
        if (Cutoffs.Raw != long.MinValue)
        {
            (blocks, points) = RemoveBlocks(seriesId);
        }

        var minute = Cutoffs.Minute == long.MinValue ? 0 : Delete(_deleteMinuteRows, seriesId, Resolutions.MinuteNs, Cutoffs.Minute);
        long hour = 0;
        if (Cutoffs.Hour != long.MinValue)
        {
            StoreDaySummaries(seriesId);
            hour = Delete(_deleteBuckets, seriesId, Resolutions.HourNs, Cutoffs.Hour - Resolutions.DayNs);
        }

        var day = Cutoffs.Day == long.MinValue ? 0 : Delete(_deleteBuckets, seriesId, Resolutions.DayNs, Cutoffs.Day - Resolutions.DayNs);
        return new RetentionTotals(blocks, points, minute, hour, day, 0);
    }

    private (long Blocks, long Points) RemoveBlocks(long seriesId)
    {
        var expired = new List<(long Id, long Start, long End, long Count, byte[]? Summary)>();
        try
        {
            _expiredBlocks.Bind(1, seriesId);
            _expiredBlocks.Bind(2, Cutoffs.Raw);
            while (_expiredBlocks.Step())
            {
                var end = _expiredBlocks.Int64(2);
                var keepSummary = end >= Cutoffs.Minute;
                expired.Add((_expiredBlocks.Int64(0), _expiredBlocks.Int64(1), end, _expiredBlocks.Int64(3), keepSummary ? _expiredBlocks.Blob(4).ToArray() : null));
            }
        }
        finally
        {
            _expiredBlocks.Reset();
        }

        long points = 0;
        foreach (var (id, start, end, count, data) in expired)
        {
            if (data is not null)
            {
                StoreMinuteSummary(seriesId, start, end, data);
            }

            _deleteBlock.Bind(1, id);
            _deleteBlock.Run();
            points += count;
        }

        return (expired.Count, points);
    }

    private void StoreMinuteSummary(long seriesId, long start, long end, byte[] data)
    {
        int count;
        try
        {
            count = BlockCodec.CountOf(data);
            if (_times.Length < count)
            {
                _times = new long[count];
                _values = new double[count];
            }

            _ = BlockCodec.Decode(data, _times, _values);
        }
        catch (InvalidDataException e)
        {
            throw new ArchiveException($"{_connection.Path}: corrupt block of series {seriesId} starting at {start}: {e.Message}", e);
        }

        _minutes.Clear();
        for (var i = 0; i < count; i++)
        {
            _minutes.AddPoint(_times[i], _values[i]);
        }

        if (_minutes.Count == 0)
        {
            return;
        }

        if (_buckets.Length < _minutes.Count)
        {
            _buckets = new RollupBucket[_minutes.Count];
        }

        for (var i = 0; i < _minutes.Count; i++)
        {
            _buckets[i] = _minutes[i];
        }

        _rows.Upsert(seriesId, Resolutions.MinuteNs, start, end, _buckets.AsSpan(0, _minutes.Count));
    }

    // The days whose hours are about to go, summarised as 1 d rows if days are kept longer.
    private void StoreDaySummaries(long seriesId)
    {
        var days = new List<long>();
        try
        {
            _expiredHours.Bind(1, seriesId);
            _expiredHours.Bind(2, Cutoffs.Hour - Resolutions.DayNs);
            while (_expiredHours.Step())
            {
                var day = _expiredHours.Int64(0);
                if (day + Resolutions.DayNs > Cutoffs.Day)
                {
                    days.Add(day);
                }
            }
        }
        finally
        {
            _expiredHours.Reset();
        }

        foreach (var day in days)
        {
            _day.Clear();
            _rows.Fold(seriesId, Resolutions.HourNs, day, day + Resolutions.DayNs, _day);
            if (_day.Count == 1)
            {
                _buckets[0] = _day[0];
                _rows.Upsert(seriesId, Resolutions.DayNs, day, day, _buckets.AsSpan(0, 1));
            }
        }
    }

    private long Delete(SqliteStatement delete, long seriesId, long resolutionNs, long bound)
    {
        delete.Bind(1, seriesId);
        delete.Bind(2, Resolutions.Seconds(resolutionNs));
        delete.Bind(3, bound);
        delete.Run();
        return _connection.Changes;
    }
}
