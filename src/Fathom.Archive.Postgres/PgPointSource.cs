using Fathom.Archive.Blocks;
using Fathom.Core.Storage;
using Npgsql;

namespace Fathom.Archive.Postgres;

/// <summary>
/// Points for the query engine: closed blocks from every partition, and open blocks rebuilt per
/// snapshot from the journal chunks of the agents owning the queried series (series.host; every
/// agent's only when the query names no series), points at or before a series' closed end are
/// already in its blocks and skipped; the rest replayed in order, the last write winning).
/// </summary>
internal sealed class PgPointSource(NpgsqlConnection connection) : IPointSource
{
    private readonly Dictionary<long, OpenBlock> _open = [];
    private readonly Dictionary<long, long> _closedEnds = [];

    public List<string>? Skipped { get; set; }

    /// <summary>Points in the snapshot's open blocks.</summary>
    public long OpenPoints => _open.Values.Sum(b => (long)b.Count);

    /// <summary>Forgets what the last snapshot read (called as each snapshot starts).</summary>
    public void Reset()
    {
        _open.Clear();
        _closedEnds.Clear();
    }

    public void BeginSnapshot(IReadOnlyCollection<long>? seriesIds)
    {
        _open.Clear();
        var only = seriesIds is null ? null : new HashSet<long>(seriesIds);
        if (only is { Count: 0 })
        {
            return;
        }

        var points = new List<(long Id, long Time, double Value)>();
        using (var select = only is null
            ? new NpgsqlCommand("SELECT data FROM recent ORDER BY host, chunk", connection)
            : new NpgsqlCommand("SELECT data FROM recent WHERE host = ANY($1) ORDER BY host, chunk", connection))
        {
            if (only is not null)
            {
                select.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = Owners(seriesIds!) });
            }

            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var chunk = new JournalChunkReader((byte[])reader.GetValue(0));
                while (chunk.Next(out var id, out var timeNs, out var value))
                {
                    if (only is null || only.Contains(id))
                    {
                        points.Add((id, timeNs, value));
                    }
                }
            }
        }

        var missing = points.Select(p => p.Id).Distinct().Where(id => !_closedEnds.ContainsKey(id)).ToList();
        foreach (var (id, end) in PgBlockRows.ClosedEnds(connection, missing))
        {
            _closedEnds[id] = end;
        }

        foreach (var (id, timeNs, value) in points)
        {
            if (timeNs <= _closedEnds[id])
            {
                continue;
            }

            if (!_open.TryGetValue(id, out var block))
            {
                block = new OpenBlock(PgOpenBlocks.BlockPoints);
                _open[id] = block;
            }

            block.Put(timeNs, value);
        }
    }

    public void ReadRange(long seriesId, long fromNs, long toNs, List<TimePoint> into)
    {
        _ = PgBlockRows.Read(connection, seriesId, fromNs, toNs, into, Skipped);
        if (_open.TryGetValue(seriesId, out var block))
        {
            var times = block.Times;
            var values = block.Values;
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
        long count = 0;
        long? first = null, last = null;
        using (var select = new NpgsqlCommand("SELECT coalesce(sum(count), 0)::bigint, min(start_ns), max(end_ns) FROM blocks WHERE series_id = $1", connection))
        {
            select.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seriesId });
            using var reader = select.ExecuteReader();
            if (reader.Read())
            {
                count = reader.GetInt64(0);
                first = reader.IsDBNull(1) ? null : reader.GetInt64(1);
                last = reader.IsDBNull(2) ? null : reader.GetInt64(2);
            }
        }

        if (_open.TryGetValue(seriesId, out var block) && block.Count > 0)
        {
            count += block.Count;
            first ??= block.Times[0];
            last = block.Times[^1];
        }

        return (count, first, last);
    }

    public long ClosedEnd(long seriesId)
    {
        if (!_closedEnds.TryGetValue(seriesId, out var end))
        {
            end = PgBlockRows.ClosedEnds(connection, [seriesId])[seriesId];
            _closedEnds[seriesId] = end;
        }

        return end;
    }

    public long? NewestTime(long seriesId)
    {
        if (_open.TryGetValue(seriesId, out var block) && block.Count > 0)
        {
            return block.Times[^1];
        }

        var end = ClosedEnd(seriesId);
        return end == long.MinValue ? null : end;
    }

    public void Dispose()
    {
    }

    // The agents whose journals hold the series' open points: the owner of each series (series.host).
    private string[] Owners(IReadOnlyCollection<long> seriesIds)
    {
        using var select = new NpgsqlCommand("SELECT DISTINCT host FROM series WHERE id = ANY($1)", connection);
        select.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. seriesIds] });
        using var reader = select.ExecuteReader();
        var hosts = new List<string>();
        while (reader.Read())
        {
            hosts.Add(reader.GetString(0));
        }

        return [.. hosts];
    }
}
