using Fathom.Archive.Sqlite;
using Fathom.Core.Storage;

namespace Fathom.Archive;

/// <summary>Reads the row-per-point layout of schema version 1, for archives no writer has migrated yet.</summary>
internal sealed class RowPointReader : IPointSource
{
    private readonly SqliteStatement _range;
    private readonly SqliteStatement _stats;

    public RowPointReader(SqliteConnection connection)
    {
        _range = connection.Prepare(
            "SELECT time_ns, value FROM points WHERE series_id = ?1 AND time_ns BETWEEN ?2 AND ?3 ORDER BY time_ns");
        _stats = connection.Prepare("SELECT count(*), min(time_ns), max(time_ns) FROM points WHERE series_id = ?1");
    }

    public void BeginSnapshot(IReadOnlyCollection<long>? seriesIds)
    {
    }

    /// <summary>Rows of points have no blocks to skip.</summary>
    public List<string>? Skipped { get; set; }

    public void ReadRange(long seriesId, long fromNs, long toNs, List<TimePoint> into)
    {
        try
        {
            _range.Bind(1, seriesId);
            _range.Bind(2, fromNs);
            _range.Bind(3, toNs);
            while (_range.Step())
            {
                into.Add(new TimePoint(_range.Int64(0), _range.IsNull(1) ? double.NaN : _range.Double(1)));
            }
        }
        finally
        {
            _range.Reset();
        }
    }

    public (long Count, long? First, long? Last) Stats(long seriesId)
    {
        try
        {
            _stats.Bind(1, seriesId);
            _ = _stats.Step();
            var count = _stats.Int64(0);
            return count == 0 ? (0, null, null) : (count, _stats.Int64(1), _stats.Int64(2));
        }
        finally
        {
            _stats.Reset();
        }
    }

    public long ClosedEnd(long seriesId) => long.MinValue;

    public long? NewestTime(long seriesId) => Stats(seriesId).Last;

    public void Dispose()
    {
        _range.Dispose();
        _stats.Dispose();
    }
}
