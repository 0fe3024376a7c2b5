using Fathom.Archive.Sqlite;
using Fathom.Core.Storage;

namespace Fathom.Archive.Blocks;

/// <summary>
/// Reads schema version 2: decodes only the closed blocks that overlap a range, plus the open
/// blocks rebuilt from the journal once per read snapshot. A corrupt block gives an
/// <see cref="ArchiveException"/> naming the file, series and block, or with <see cref="Skipped"/>
/// set is named there and left out.
/// </summary>
internal sealed class BlockPointReader : IPointSource
{
    private readonly SqliteConnection _connection;
    private readonly OpenBlockSet _open;
    private readonly SqliteStatement _range;
    private readonly SqliteStatement _stats;
    private readonly SqliteStatement _newest;
    private long[] _times = new long[BlockPointWriter.BlockPoints];
    private double[] _values = new double[BlockPointWriter.BlockPoints];

    public BlockPointReader(SqliteConnection connection)
    {
        _connection = connection;
        _open = new OpenBlockSet(connection, BlockPointWriter.BlockPoints);

        // From the last block starting at or before fromNs: blocks never overlap, so that is the first one that can hold it.
        _range = connection.Prepare("""
            SELECT start_ns, end_ns, count, data FROM blocks
            WHERE series_id = ?1
              AND start_ns >= coalesce((SELECT max(start_ns) FROM blocks WHERE series_id = ?1 AND start_ns <= ?2), ?2)
              AND start_ns <= ?3
            ORDER BY start_ns
            """);
        _stats = connection.Prepare("SELECT coalesce(sum(count), 0), min(start_ns), max(end_ns) FROM blocks WHERE series_id = ?1");
        _newest = connection.Prepare("SELECT end_ns FROM blocks WHERE series_id = ?1 ORDER BY start_ns DESC LIMIT 1");
    }

    public void BeginSnapshot(IReadOnlyCollection<long>? seriesIds)
    {
        _open.Clear();
        if (seriesIds is { Count: 0 })
        {
            return;
        }

        try
        {
            // Chunks interleave all series; filtering skips building blocks (and lookups) for the others.
            _open.Replay(_connection, null, null, seriesIds is null ? null : [.. seriesIds]);
        }
        catch (InvalidDataException e)
        {
            throw new ArchiveException($"{_connection.Path}: corrupt journal: {e.Message}", e);
        }
    }

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
                DecodeInto(seriesId, fromNs, toNs, into);
            }
        }
        finally
        {
            _range.Reset();
        }

        if (_open.Find(seriesId) is { Count: > 0 } open)
        {
            var times = open.Times;
            var values = open.Values;
            for (var i = 0; i < times.Length; i++)
            {
                if (times[i] >= fromNs && times[i] <= toNs)
                {
                    into.Add(new TimePoint(times[i], values[i]));
                }
            }
        }
    }

    public (long Count, long? First, long? Last) Stats(long seriesId)
    {
        long count;
        long? first = null, last = null;
        try
        {
            _stats.Bind(1, seriesId);
            _ = _stats.Step();
            count = _stats.Int64(0);
            if (count > 0)
            {
                first = _stats.Int64(1);
                last = _stats.Int64(2);
            }
        }
        finally
        {
            _stats.Reset();
        }

        if (_open.Find(seriesId) is { Count: > 0 } open)
        {
            count += open.Count;
            first = first is { } f ? Math.Min(f, open.Times[0]) : open.Times[0];
            last = last is { } l ? Math.Max(l, open.Times[^1]) : open.Times[^1];
        }

        return (count, first, last);
    }

    public long ClosedEnd(long seriesId)
    {
        try
        {
            _newest.Bind(1, seriesId);
            return _newest.Step() ? _newest.Int64(0) : long.MinValue;
        }
        finally
        {
            _newest.Reset();
        }
    }

    public long? NewestTime(long seriesId) =>
        _open.Find(seriesId) is { Count: > 0 } open ? open.Times[^1]
        : ClosedEnd(seriesId) is var end && end != long.MinValue ? end
        : null;

    public void Dispose()
    {
        _newest.Dispose();
        _open.Dispose();
        _range.Dispose();
        _stats.Dispose();
    }

    private void DecodeInto(long seriesId, long fromNs, long toNs, List<TimePoint> into)
    {
        var start = _range.Int64(0);
        var end = _range.Int64(1);
        var declared = _range.Int64(2);
        var data = _range.Blob(3);
        try
        {
            var count = BlockCodec.CountOf(data);
            if (count != declared)
            {
                throw new InvalidDataException($"block holds {count} points, its row says {declared}");
            }

            if (_times.Length < count)
            {
                _times = new long[count];
                _values = new double[count];
            }

            _ = BlockCodec.Decode(data, _times, _values);
            if (_times[0] != start || _times[count - 1] != end)
            {
                throw new InvalidDataException($"block times {_times[0]}..{_times[count - 1]} differ from its row's {start}..{end}");
            }

            for (var i = 0; i < count; i++)
            {
                if (_times[i] >= fromNs && _times[i] <= toNs)
                {
                    into.Add(new TimePoint(_times[i], _values[i]));
                }
            }
        }
        catch (InvalidDataException e)
        {
            // Nothing of the block was added yet: every check runs before the copy.
            var problem = $"{_connection.Path}: corrupt block of series {seriesId} starting at {start}: {e.Message}";
            if (Skipped is { } skipped)
            {
                skipped.Add(problem);
                return;
            }

            throw new ArchiveException(problem, e);
        }
    }
}
