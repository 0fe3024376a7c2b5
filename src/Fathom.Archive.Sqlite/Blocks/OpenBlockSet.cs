using Fathom.Archive.Sqlite;

namespace Fathom.Archive.Blocks;

/// <summary>
/// The open block of every series, indexed by series id, and the journal replay that rebuilds
/// them from disk: a journaled point at or before its series' newest closed block end is already
/// in that block and skipped; the rest are put back in journal order, so the last write wins.
/// </summary>
internal sealed class OpenBlockSet : IDisposable
{
    // Series ids index an array; a journal naming a larger one is corrupt.
    private const long MaxSeriesId = int.MaxValue / 2;

    private readonly SqliteStatement _closedEnd;
    private readonly int _capacity;
    private OpenBlock?[] _blocks = new OpenBlock?[256];

    public OpenBlockSet(SqliteConnection connection, int capacity)
    {
        _capacity = capacity;
        _closedEnd = connection.Prepare("SELECT end_ns FROM blocks WHERE series_id = ?1 ORDER BY start_ns DESC LIMIT 1");
    }

    /// <summary>Highest series id with a block object (ids are SQLite rowids, dense from 1).</summary>
    public int Length => _blocks.Length;

    public OpenBlock? Find(long seriesId) => seriesId >= 0 && seriesId < _blocks.Length ? _blocks[seriesId] : null;

    public OpenBlock Of(long seriesId)
    {
        if (seriesId < _blocks.Length && _blocks[seriesId] is { } known)
        {
            return known;
        }

        if (seriesId >= _blocks.Length)
        {
            Array.Resize(ref _blocks, (int)Math.Max(seriesId + 1, _blocks.Length * 2L));
        }

        var block = new OpenBlock(_capacity) { ClosedEnd = LoadClosedEnd(seriesId) };
        _blocks[seriesId] = block;
        return block;
    }

    public void Clear() => Array.Clear(_blocks);

    /// <summary>
    /// Replays the journal in chunk order (only the series in <paramref name="only"/>, if given);
    /// <paramref name="opened"/> hears of each block's first point and chunk.
    /// </summary>
    public void Replay(SqliteConnection connection, Action<long, int>? chunkRead, Action<OpenBlock, long>? opened, HashSet<long>? only = null)
    {
        using var select = connection.Prepare("SELECT id, data FROM journal ORDER BY id");
        while (select.Step())
        {
            var chunk = select.Int64(0);
            var reader = new JournalChunkReader(select.Blob(1));
            var points = 0;
            while (reader.Next(out var seriesId, out var timeNs, out var value))
            {
                points++;
                if (seriesId <= 0 || seriesId > MaxSeriesId)
                {
                    throw new InvalidDataException($"journal chunk {chunk} names series {seriesId}");
                }

                if (only is not null && !only.Contains(seriesId))
                {
                    continue;
                }

                var block = Of(seriesId);
                if (timeNs <= block.ClosedEnd)
                {
                    continue;
                }

                if (block.Count == 0)
                {
                    opened?.Invoke(block, chunk);
                }

                block.Put(timeNs, value);
            }

            chunkRead?.Invoke(chunk, points);
        }
    }

    public void Dispose() => _closedEnd.Dispose();

    private long LoadClosedEnd(long seriesId)
    {
        try
        {
            _closedEnd.Bind(1, seriesId);
            return _closedEnd.Step() ? _closedEnd.Int64(0) : long.MinValue;
        }
        finally
        {
            _closedEnd.Reset();
        }
    }
}
