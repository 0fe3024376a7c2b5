using Fathom.Archive.Blocks;
using Fathom.Archive.Rollups;
using Fathom.Archive.Sqlite;

namespace Fathom.Archive.Retention;

/// <summary>
/// Removes what is older than each resolution keeps, a bounded number of series per step so the
/// writer's transactions stay short. Removal is whole: a raw block goes once its newest point is
/// older than the raw cutoff, a 1 min row likewise, a 1 h or 1 d summary once its whole bucket is.
/// Before a raw block goes, its 1 min summary is stored if 1 min summaries are kept longer.
/// </summary>
internal sealed class RetentionPass : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly RollupRows _rows;
    private readonly SqliteStatement _expiredBlocks;
    private readonly SqliteStatement _deleteBlock;
    private readonly SqliteStatement _deleteMinuteRows;
    private readonly SqliteStatement _deleteBuckets;
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
        _next = 1;
        _last = _connection.ScalarInt64("SELECT coalesce(max(id), 0) FROM series");
    }

    public RetentionCutoffs Cutoffs { get; }

    public bool Done => _next > _last;

    /// <summary>Removes the expired data of up to <paramref name="maxSeries"/> series, inside the caller's transaction.</summary>
    public RetentionTotals Step(int maxSeries)
    {
        var totals = default(RetentionTotals);
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
    }

    private RetentionTotals Series(long seriesId)
    {
        long blocks = 0, points = 0;
        if (Cutoffs.Raw != long.MinValue)
        {
            (blocks, points) = RemoveBlocks(seriesId);
        }

        var minute = Cutoffs.Minute == long.MinValue ? 0 : Delete(_deleteMinuteRows, seriesId, Resolutions.MinuteNs, Cutoffs.Minute);
        var hour = Cutoffs.Hour == long.MinValue ? 0 : Delete(_deleteBuckets, seriesId, Resolutions.HourNs, Cutoffs.Hour - Resolutions.HourNs);
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

    private long Delete(SqliteStatement delete, long seriesId, long resolutionNs, long bound)
    {
        delete.Bind(1, seriesId);
        delete.Bind(2, Resolutions.Seconds(resolutionNs));
        delete.Bind(3, bound);
        delete.Run();
        return _connection.Changes;
    }
}
