using Fathom.Archive.Rollups;
using Fathom.Archive.Sqlite;
using Fathom.Core.Storage;

namespace Fathom.Archive.Blocks;

/// <summary>
/// Writes points as compressed per-series blocks (schema version 2). Each series has one open
/// block in memory; every batch also appends its open-block points to the journal as one row, in
/// the batch's transaction, so a commit makes them durable without a B-tree insert per point.
/// A full block is encoded into the blocks table; journal chunks no open block needs are deleted.
/// A point at or before the series' newest closed block is merged into that block (rare, slow path).
/// Each closed or rewritten block updates the 1 h and 1 d summaries (<see cref="RollupMaintainer"/>).
/// After a failed transaction, <see cref="Discard"/> rebuilds the memory state from the file.
/// </summary>
internal sealed class BlockPointWriter : IDisposable
{
    /// <summary>Points per closed block: enough to amortise the row and header, few enough to replay fast.</summary>
    public const int BlockPoints = 240;

    /// <summary>Default journal size that makes the writer close the oldest-pinning open blocks early (slow series).</summary>
    public const long DefaultMaxJournalPoints = 4_000_000;

    private readonly SqliteConnection _connection;
    private readonly OpenBlockSet _open;
    private readonly JournalPins _pins = new();
    private readonly JournalChunkBuilder _chunk = new();
    private readonly SqliteStatement _insertBlock;
    private readonly SqliteStatement _insertChunk;
    private readonly SqliteStatement _deleteChunks;
    private readonly SqliteStatement _findBlock;
    private readonly SqliteStatement _updateBlock;
    private readonly long _maxJournalPoints;
    private readonly RollupMaintainer _rollups;
    private byte[] _encoded = new byte[BlockCodec.MaxEncodedBytes(BlockPoints)];

    public BlockPointWriter(SqliteConnection connection, RollupMaintainer rollups, long maxJournalPoints = DefaultMaxJournalPoints)
    {
        _connection = connection;
        _rollups = rollups;
        _maxJournalPoints = maxJournalPoints;
        _open = new OpenBlockSet(connection, BlockPoints);
        _insertBlock = connection.Prepare("INSERT INTO blocks(series_id, start_ns, end_ns, count, data) VALUES(?1, ?2, ?3, ?4, ?5)");
        _insertChunk = connection.Prepare("INSERT INTO journal(id, points, data) VALUES(?1, ?2, ?3)");
        _deleteChunks = connection.Prepare("DELETE FROM journal WHERE id < ?1");
        _findBlock = connection.Prepare(
            "SELECT start_ns, end_ns, data FROM blocks WHERE series_id = ?1 AND start_ns <= ?2 ORDER BY start_ns DESC LIMIT 1");
        _updateBlock = connection.Prepare(
            "UPDATE blocks SET end_ns = ?3, count = ?4, data = ?5 WHERE series_id = ?1 AND start_ns = ?2");
        Load();
    }

    /// <summary>Points in open blocks across all series (for tests and diagnostics).</summary>
    public long OpenPoints
    {
        get
        {
            long sum = 0;
            for (var id = 0; id < _open.Length; id++)
            {
                sum += _open.Find(id)?.Count ?? 0;
            }

            return sum;
        }
    }

    public void Add(long seriesId, long timeNs, double value)
    {
        var block = _open.Of(seriesId);
        if (timeNs <= block.ClosedEnd)
        {
            MergeIntoClosed(seriesId, timeNs, value);
            return;
        }

        if (block.Count == 0)
        {
            block.PinnedChunk = _pins.Current;
            _pins.Pin(_pins.Current);
        }

        block.Put(timeNs, value);
        _chunk.Add(seriesId, timeNs, value);
        if (block.Count >= BlockPoints)
        {
            Close(seriesId, block);
        }
    }

    /// <summary>Called before commit: stores the batch's journal chunk and deletes chunks no longer needed.</summary>
    public void Flush()
    {
        if (_chunk.Count > 0)
        {
            _insertChunk.Bind(1, _pins.Current);
            _insertChunk.Bind(2, (long)_chunk.Count);
            _insertChunk.BindBlob(3, _chunk.Data);
            _insertChunk.Run();
            _pins.Stored(_pins.Current, _chunk.Count);
            _chunk.Clear();
        }

        if (_pins.LivePoints > _maxJournalPoints)
        {
            CloseOldestPinning();
        }

        if (_pins.ReleaseUnpinned())
        {
            _deleteChunks.Bind(1, _pins.Oldest);
            _deleteChunks.Run();
        }
    }

    /// <summary>Called after a rollback: forgets this batch's changes by rebuilding from the committed file.</summary>
    public void Discard() => Load();

    public void Dispose()
    {
        _open.Dispose();
        _insertBlock.Dispose();
        _insertChunk.Dispose();
        _deleteChunks.Dispose();
        _findBlock.Dispose();
        _updateBlock.Dispose();
    }

    private void Load()
    {
        _chunk.Clear();
        _open.Clear();
        var first = _connection.ScalarInt64("SELECT coalesce(min(id), 0) FROM journal");
        var last = _connection.ScalarInt64("SELECT coalesce(max(id), 0) FROM journal");
        _pins.Reset(first == 0 ? last + 1 : first);
        try
        {
            _open.Replay(_connection, _pins.Stored, (block, chunk) =>
            {
                block.PinnedChunk = chunk;
                _pins.Pin(chunk);
            });
        }
        catch (InvalidDataException e)
        {
            throw new ArchiveException($"{_connection.Path}: corrupt journal of open blocks: {e.Message}", e);
        }
    }

    private void Close(long seriesId, OpenBlock block)
    {
        var previousEnd = block.ClosedEnd;
        WriteBlock(seriesId, block.Times, block.Values, _insertBlock, insert: true);
        _rollups.BlockClosed(seriesId, block.Times[0], block.Times[^1], previousEnd);
        _pins.Unpin(block.PinnedChunk);
        block.Closed();
    }

    // Early close of blocks pinning the oldest half of an oversized journal (series that write rarely).
    private void CloseOldestPinning()
    {
        var cutoff = _pins.HalfPoint();
        for (var id = 0; id < _open.Length; id++)
        {
            if (_open.Find(id) is { Count: > 0 } block && block.PinnedChunk <= cutoff)
            {
                Close(id, block);
            }
        }
    }

    private void MergeIntoClosed(long seriesId, long timeNs, double value)
    {
        MergeBlock(seriesId, timeNs, value);
        _rollups.LatePoint(seriesId, timeNs, _open.Of(seriesId).ClosedEnd);
    }

    private void MergeBlock(long seriesId, long timeNs, double value)
    {
        long[] times;
        double[] values;
        long start;
        try
        {
            _findBlock.Bind(1, seriesId);
            _findBlock.Bind(2, timeNs);
            if (!_findBlock.Step() || _findBlock.Int64(1) < timeNs)
            {
                // In a gap between closed blocks (or before the first): a block of its own.
                WriteBlock(seriesId, [timeNs], [value], _insertBlock, insert: true);
                return;
            }

            start = _findBlock.Int64(0);
            var data = _findBlock.Blob(2);
            var count = BlockCodec.CountOf(data);
            times = new long[count + 1];
            values = new double[count + 1];
            _ = BlockCodec.Decode(data, times, values);
        }
        finally
        {
            _findBlock.Reset();
        }

        var block = new OpenBlock(times.Length);
        for (var i = 0; i < times.Length - 1; i++)
        {
            block.Put(times[i], values[i]);
        }

        block.Put(timeNs, value);
        _updateBlock.Bind(2, start);
        WriteBlock(seriesId, block.Times, block.Values, _updateBlock, insert: false);
    }

    private void WriteBlock(long seriesId, ReadOnlySpan<long> times, ReadOnlySpan<double> values, SqliteStatement statement, bool insert)
    {
        var room = BlockCodec.MaxEncodedBytes(times.Length);
        if (_encoded.Length < room)
        {
            _encoded = new byte[room];
        }

        var length = BlockCodec.Encode(times, values, _encoded);
        statement.Bind(1, seriesId);
        if (insert)
        {
            statement.Bind(2, times[0]);
        }

        statement.Bind(3, times[^1]);
        statement.Bind(4, (long)times.Length);
        statement.BindBlob(5, _encoded.AsSpan(0, length));
        statement.Run();
    }
}
