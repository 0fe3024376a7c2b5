using Fathom.Core.Measurements;
using Npgsql;

namespace Fathom.Archive.Postgres;

/// <summary>
/// Status ranges of one agent (as SQLite's StatusWriter, keyed by host and element): the newest
/// range grows while the state stays, a new state opens a range, an older write is refused.
/// </summary>
internal sealed class PgStatusWriter(string host)
{
    private readonly Dictionary<string, Newest> _newest = new(StringComparer.Ordinal);

    public long Refused { get; private set; }

    public void Add(NpgsqlConnection connection, StatusRecord record)
    {
        var newest = NewestOf(connection, record.Element);
        if (newest is not null && record.TimeUnixNs < newest.EndNs)
        {
            Refused++;
            return;
        }

        if (newest is not null && newest.Oper == record.Oper && newest.Admin == record.Admin)
        {
            if (record.TimeUnixNs > newest.EndNs)
            {
                using var extend = new NpgsqlCommand("UPDATE status SET end_ns = $2 WHERE id = $1", connection);
                extend.Parameters.Add(new NpgsqlParameter<long> { TypedValue = newest.Id });
                extend.Parameters.Add(new NpgsqlParameter<long> { TypedValue = record.TimeUnixNs });
                extend.ExecuteNonQuery();
                newest.EndNs = record.TimeUnixNs;
            }

            return;
        }

        using var insert = new NpgsqlCommand(
            "INSERT INTO status(host, element, start_ns, end_ns, oper, admin) VALUES($1, $2, $3, $3, $4, $5) RETURNING id", connection);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = host });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Element });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = record.TimeUnixNs });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Oper });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)record.Admin ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var id = (long)insert.ExecuteScalar()!;
        _newest[record.Element] = new Newest(id, record.TimeUnixNs, record.Oper, record.Admin);
    }

    /// <summary>After a rollback the cache may not match the table: reload lazily.</summary>
    public void Forget() => _newest.Clear();

    private Newest? NewestOf(NpgsqlConnection connection, string element)
    {
        if (_newest.TryGetValue(element, out var cached))
        {
            return cached;
        }

        using var select = new NpgsqlCommand(
            "SELECT id, end_ns, oper, admin FROM status WHERE host = $1 AND element = $2 ORDER BY end_ns DESC, id DESC LIMIT 1", connection);
        select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = host });
        select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = element });
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
