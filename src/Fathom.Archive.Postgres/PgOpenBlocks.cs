using Fathom.Archive.Blocks;
using Npgsql;
using NpgsqlTypes;

namespace Fathom.Archive.Postgres;

/// <summary>
/// One agent's open blocks and its journal of their points in the recent table (as SQLite's
/// BlockPointWriter): a batch's open-block points become one chunk row; a block of
/// <see cref="BlockPoints"/> points closes into blocks; chunks no open block pins are deleted.
/// A point at or before its series' newest closed block is a late point, merged into that block.
/// Memory changes of a batch that fails are thrown away by <see cref="Load"/>, from the committed rows
/// (<see cref="AddFlush"/> moves the journal's bookkeeping before its statements run).
/// </summary>
internal sealed class PgOpenBlocks(string host)
{
    /// <summary>Points per closed block, as SQLite's BlockPointWriter.</summary>
    public const int BlockPoints = 240;

    /// <summary>Journal size past which blocks pinning its oldest half close early (slow series).</summary>
    public const long MaxJournalPoints = 4_000_000;

    private readonly Dictionary<long, OpenBlock> _open = [];
    private readonly JournalPins _pins = new();
    private readonly JournalChunkBuilder _chunk = new();
    private readonly byte[] _encoded = new byte[BlockCodec.MaxEncodedBytes(BlockPoints)];

    /// <summary>Blocks closed by this batch, to COPY into blocks.</summary>
    public List<ClosedBlock> Closed { get; } = [];

    /// <summary>Points of this batch at or before their series' newest closed block.</summary>
    public List<(long SeriesId, long TimeNs, double Value)> Late { get; } = [];

    public bool Knows(long seriesId) => _open.ContainsKey(seriesId);

    /// <summary>Registers series whose closed end is known (prefetched), before their points are added.</summary>
    public void Prepare(Dictionary<long, long> closedEnds)
    {
        foreach (var (id, end) in closedEnds)
        {
            _open.TryAdd(id, new OpenBlock(BlockPoints) { ClosedEnd = end });
        }
    }

    public void BeginBatch()
    {
        Closed.Clear();
        Late.Clear();
        _chunk.Clear();
    }

    public void Add(long seriesId, long timeNs, double value)
    {
        var block = _open[seriesId];
        if (timeNs <= block.ClosedEnd)
        {
            Late.Add((seriesId, timeNs, value));
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

    /// <summary>Late points merged into closed blocks move the series' closed end no further; this says where it is.</summary>
    public long ClosedEnd(long seriesId) => _open[seriesId].ClosedEnd;

    /// <summary>Adds to the batch's statements: the chunk's row, and deletion of chunks no open block needs.</summary>
    public void AddFlush(NpgsqlBatch batch)
    {
        if (_chunk.Count > 0)
        {
            var insert = new NpgsqlBatchCommand("INSERT INTO recent(host, chunk, points, data) VALUES($1, $2, $3, $4)");
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = host });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _pins.Current });
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _chunk.Count });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = _chunk.Data.ToArray(), NpgsqlDbType = NpgsqlDbType.Bytea });
            batch.BatchCommands.Add(insert);
            _pins.Stored(_pins.Current, _chunk.Count);
            _chunk.Clear();
        }

        if (_pins.ReleaseUnpinned())
        {
            var delete = new NpgsqlBatchCommand("DELETE FROM recent WHERE host = $1 AND chunk < $2");
            delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = host });
            delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _pins.Oldest });
            batch.BatchCommands.Add(delete);
        }
    }

    /// <summary>Before the transaction: closes the blocks pinning the oldest half of an oversized journal.</summary>
    public void CloseEarlyIfLarge()
    {
        if (_pins.LivePoints + _chunk.Count <= MaxJournalPoints)
        {
            return;
        }

        var cutoff = _pins.HalfPoint();
        foreach (var (id, block) in _open)
        {
            if (block.Count > 0 && block.PinnedChunk <= cutoff)
            {
                Close(id, block);
            }
        }
    }

    /// <summary>Rebuilds the open blocks from this host's committed chunks.</summary>
    public void Load(NpgsqlConnection connection)
    {
        _open.Clear();
        _chunk.Clear();
        Closed.Clear();
        Late.Clear();
        var chunks = new List<(long Chunk, int Points, byte[] Data)>();
        using (var select = new NpgsqlCommand("SELECT chunk, points, data FROM recent WHERE host = $1 ORDER BY chunk", connection))
        {
            select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = host });
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                chunks.Add((reader.GetInt64(0), reader.GetInt32(1), (byte[])reader.GetValue(2)));
            }
        }

        _pins.Reset(chunks.Count == 0 ? NextChunk(connection) : chunks[0].Chunk);
        var ids = new HashSet<long>();
        foreach (var (chunk, _, data) in chunks)
        {
            var reader = new JournalChunkReader(data);
            while (reader.Next(out var id, out _, out _))
            {
                ids.Add(id);
            }
        }

        Prepare(PgBlockRows.ClosedEnds(connection, ids));
        foreach (var (chunk, points, data) in chunks)
        {
            var reader = new JournalChunkReader(data);
            while (reader.Next(out var id, out var timeNs, out var value))
            {
                var block = _open[id];
                if (timeNs <= block.ClosedEnd)
                {
                    continue;
                }

                if (block.Count == 0)
                {
                    block.PinnedChunk = chunk;
                    _pins.Pin(chunk);
                }

                block.Put(timeNs, value);
            }

            _pins.Stored(chunk, points);
        }
    }

    // Chunk numbers only grow per host, so a journal emptied by closes continues after its last number.
    private long NextChunk(NpgsqlConnection connection)
    {
        using var select = new NpgsqlCommand("SELECT coalesce(max(chunk), 0) + 1 FROM recent WHERE host = $1", connection);
        select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = host });
        return (long)select.ExecuteScalar()!;
    }

    private void Close(long seriesId, OpenBlock block)
    {
        var length = BlockCodec.Encode(block.Times, block.Values, _encoded);
        Closed.Add(new ClosedBlock(seriesId, block.Times[0], block.Times[^1], block.Count, _encoded.AsSpan(0, length).ToArray(), block.ClosedEnd));
        _pins.Unpin(block.PinnedChunk);
        block.Closed();
    }
}
