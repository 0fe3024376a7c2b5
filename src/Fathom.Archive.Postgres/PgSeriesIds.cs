using Fathom.Core.Measurements;
using Npgsql;

namespace Fathom.Archive.Postgres;

/// <summary>
/// Series keys to ids, cached. Identity is global: the agent's <c>host</c> tag is added to every
/// key that lacks one, so agents never share a series by accident. New series are inserted
/// before the batch's transaction (ON CONFLICT DO NOTHING, then one SELECT for all): a series row
/// without points is harmless, and ids never need forgetting after a rollback. The row's host
/// column is the agent that made it, the owner of its open blocks (a key whose own host tag names
/// another machine, an SNMP device say, is still owned by the agent that writes it). An agent's
/// events of one name and tags, and its status of one element, are series rows too (kind event,
/// status): their rows carry that id, so events and status distribute with the points.
/// </summary>
internal sealed class PgSeriesIds(string host)
{
    private readonly Dictionary<SeriesKey, long> _ids = [];
    private readonly Dictionary<string, long> _records = new(StringComparer.Ordinal);
    private SeriesKey? _lastKey;
    private long _lastId;

    /// <summary>The stored key of <paramref name="key"/>: with this agent's host tag when it has none.</summary>
    /// <summary>Whether <paramref name="key"/> has its id already (so it was stored, and checked, before).</summary>
    public bool Knows(SeriesKey key) => _ids.ContainsKey(key);

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

    /// <summary>The series id of this agent's events of <paramref name="record"/>'s name and tags (learnt by <see cref="ResolveAsync"/>).</summary>
    public long EventId(EventRecord record) => _records[EventCanonical(record)];

    /// <summary>The series id of this agent's status of <paramref name="element"/> (learnt by <see cref="ResolveAsync"/>).</summary>
    public long StatusId(string element) => _records[StatusCanonical(element)];

    /// <summary>Learns the ids of the batch's series, event kinds and status elements not yet known (two round trips when any is new).</summary>
    public async Task ResolveAsync(NpgsqlConnection connection, ReadOnlyMemory<Measurement> batch, CancellationToken cancellationToken)
    {
        if (Unknown(batch.Span) is not { } unknown)
        {
            return;
        }

        var rows = unknown.Values.ToList();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO series(canonical, kind, name, tags, unit, host)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
            ORDER BY 1
            ON CONFLICT(canonical) DO NOTHING
            """, connection))
        {
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Canonical)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Kind)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Name)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Tags)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Unit)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(_ => host)] });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var select = new NpgsqlCommand("SELECT canonical, id FROM series WHERE canonical = ANY($1)", connection);
        select.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. unknown.Keys] });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = unknown[reader.GetString(0)];
            if (row.Kind == "points")
            {
                foreach (var key in row.Originals)
                {
                    _ids[key] = reader.GetInt64(1);
                }
            }
            else
            {
                _records[row.Canonical] = reader.GetInt64(1);
            }
        }
    }

    // An event kind's identity: its name and tags with this agent's host tag, apart from point series by the prefix.
    private string EventCanonical(EventRecord record) => "event:" + Stored(new SeriesKey(record.Name, "", record.Tags)).Canonical;

    private string StatusCanonical(string element) => "status:" + element + "{host=" + host + "}";

    // The batch's identities not known yet, by stored canonical text; null when none.
    private Dictionary<string, NewRow>? Unknown(ReadOnlySpan<Measurement> batch)
    {
        Dictionary<string, NewRow>? unknown = null;
        foreach (ref readonly var m in batch)
        {
            NewRow? row = null;
            switch (m.Kind)
            {
                case MeasurementKind.Sample when !_ids.ContainsKey(m.Sample.Series):
                    var stored = Stored(m.Sample.Series);
                    row = new NewRow(stored.Canonical, "points", stored.Name, TagsJson.Write(stored.Tags), stored.Unit);
                    row.Originals.Add(m.Sample.Series);
                    break;
                case MeasurementKind.Event when EventCanonical(m.Event) is var canonical && !_records.ContainsKey(canonical):
                    // The event's own tags, as written: the host is the row's host column and in its canonical text.
                    row = new NewRow(canonical, "event", m.Event.Name, TagsJson.Write(m.Event.Tags), "");
                    break;
                case MeasurementKind.Status when StatusCanonical(m.Status.Element) is var canonical && !_records.ContainsKey(canonical):
                    row = new NewRow(canonical, "status", m.Status.Element, "{}", "");
                    break;
                default:
                    break;
            }

            if (row is not null)
            {
                unknown ??= new Dictionary<string, NewRow>(StringComparer.Ordinal);
                if (!unknown.TryAdd(row.Canonical, row))
                {
                    // Two keys of the batch (one with this host's tag, one without) name one stored series.
                    var known = unknown[row.Canonical].Originals;
                    known.AddRange(row.Originals.Where(k => !known.Contains(k)));
                }
            }
        }

        return unknown;
    }

    private sealed record NewRow(string Canonical, string Kind, string Name, string Tags, string Unit)
    {
        public List<SeriesKey> Originals { get; } = [];
    }
}
