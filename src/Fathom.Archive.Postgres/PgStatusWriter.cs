using Fathom.Core.Measurements;
using Npgsql;

namespace Fathom.Archive.Postgres;

/// <summary>
/// Status ranges of one agent (as SQLite's StatusWriter, keyed by host and element): the newest
/// range grows while the state stays, a new state opens a range, an older write is refused. A
/// host's element is a series of kind status; its ranges carry that series id.
/// </summary>
internal sealed class PgStatusWriter(PgSeriesIds ids)
{
    private readonly Dictionary<string, Newest> _newest = new(StringComparer.Ordinal);

    public long Refused { get; private set; }

    public void Add(NpgsqlConnection connection, StatusRecord record)
    {
        var seriesId = ids.StatusId(record.Element);
        var newest = NewestOf(connection, seriesId, record.Element);
        if (newest is not null && record.TimeUnixNs < newest.EndNs)
        {
            Refused++;
            return;
        }

        if (newest is not null && newest.Oper == record.Oper && newest.Admin == record.Admin)
        {
            if (record.TimeUnixNs > newest.EndNs)
            {
                using var extend = new NpgsqlCommand("UPDATE status SET end_ns = $3 WHERE series_id = $1 AND id = $2", connection);
                extend.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seriesId });
                extend.Parameters.Add(new NpgsqlParameter<long> { TypedValue = newest.Id });
                extend.Parameters.Add(new NpgsqlParameter<long> { TypedValue = record.TimeUnixNs });
                extend.ExecuteNonQuery();
                newest.EndNs = record.TimeUnixNs;
            }

            return;
        }

        using var insert = new NpgsqlCommand(
            "INSERT INTO status(series_id, start_ns, end_ns, oper, admin) VALUES($1, $2, $2, $3, $4) RETURNING id", connection);
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seriesId });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = record.TimeUnixNs });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Oper });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)record.Admin ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var id = (long)insert.ExecuteScalar()!;
        _newest[record.Element] = new Newest(id, record.TimeUnixNs, record.Oper, record.Admin);
    }

    /// <summary>After a rollback the cache may not match the table: reload lazily.</summary>
    public void Forget() => _newest.Clear();

    private Newest? NewestOf(NpgsqlConnection connection, long seriesId, string element)
    {
        if (_newest.TryGetValue(element, out var cached))
        {
            return cached;
        }

        using var select = new NpgsqlCommand(
            "SELECT id, end_ns, oper, admin FROM status WHERE series_id = $1 ORDER BY end_ns DESC, id DESC LIMIT 1", connection);
        select.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seriesId });
        using var reader = select.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var newest = new Newest(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        _newest[element] = newest;
        return newest;
    }

    private sealed class Newest(long id, long endNs, string oper, string? admin)
    {
        public long Id { get; } = id;

        public long EndNs { get; set; } = endNs;

        public string Oper { get; } = oper;

        public string? Admin { get; } = admin;
    }
}
