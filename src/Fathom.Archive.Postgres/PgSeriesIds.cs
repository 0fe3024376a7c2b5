using Fathom.Core.Measurements;
using Npgsql;

namespace Fathom.Archive.Postgres;

/// <summary>
/// Series keys to ids, cached. Identity is global: the agent's <c>host</c> tag is added to every
/// key that lacks one, so agents never share a series by accident. New series are inserted
/// before the batch's transaction (ON CONFLICT DO NOTHING, then one SELECT for all): a series row
/// without points is harmless, and ids never need forgetting after a rollback. The row's host
/// column is the agent that made it, the owner of its open blocks (a key whose own host tag names
/// another machine, an SNMP device say, is still owned by the agent that writes it).
/// </summary>
internal sealed class PgSeriesIds(string host)
{
    private readonly Dictionary<SeriesKey, long> _ids = [];
    private SeriesKey? _lastKey;
    private long _lastId;

    /// <summary>The stored key of <paramref name="key"/>: with this agent's host tag when it has none.</summary>
    public SeriesKey Stored(SeriesKey key) =>
        key.Tag("host") is not null ? key : new SeriesKey(key.Name, key.Unit, [.. key.Tags, new("host", host)]);

    public long IdOf(SeriesKey key)
    {
        if (ReferenceEquals(key, _lastKey))
        {
            return _lastId;
        }

        var id = _ids[key];
        _lastKey = key;
        _lastId = id;
        return id;
    }

    /// <summary>Learns the ids of the batch's series not yet known (two round trips when any is new).</summary>
    public async Task ResolveAsync(NpgsqlConnection connection, ReadOnlyMemory<Measurement> batch, CancellationToken cancellationToken)
    {
        if (Unknown(batch.Span) is not { } unknown)
        {
            return;
        }

        var keys = unknown.Values.ToList();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO series(canonical, name, tags, unit, host)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
            ORDER BY 1
            ON CONFLICT(canonical) DO NOTHING
            """, connection))
        {
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. keys.Select(k => k.Stored.Canonical)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. keys.Select(k => k.Stored.Name)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. keys.Select(k => TagsJson.Write(k.Stored.Tags))] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. keys.Select(k => k.Stored.Unit)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. keys.Select(_ => host)] });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var byStored = keys.ToDictionary(k => k.Stored.Canonical, k => k.Original, StringComparer.Ordinal);
        await using var select = new NpgsqlCommand("SELECT canonical, id FROM series WHERE canonical = ANY($1)", connection);
        select.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. byStored.Keys] });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            _ids[byStored[reader.GetString(0)]] = reader.GetInt64(1);
        }
    }

    // The batch's series not known yet, by canonical text of the caller's key; null when none.
    private Dictionary<string, (SeriesKey Original, SeriesKey Stored)>? Unknown(ReadOnlySpan<Measurement> batch)
    {
        Dictionary<string, (SeriesKey Original, SeriesKey Stored)>? unknown = null;
        foreach (ref readonly var m in batch)
        {
            if (m.Kind != MeasurementKind.Sample || _ids.ContainsKey(m.Sample.Series))
            {
                continue;
            }

            var stored = Stored(m.Sample.Series);
            unknown ??= new Dictionary<string, (SeriesKey, SeriesKey)>(StringComparer.Ordinal);
            unknown.TryAdd(m.Sample.Series.Canonical, (m.Sample.Series, stored));
        }

        return unknown;
    }
}
