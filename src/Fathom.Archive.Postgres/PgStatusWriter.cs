using Fathom.Core.Measurements;
using Npgsql;

namespace Fathom.Archive.Postgres;

/// <summary>
/// Status ranges of one agent (as SQLite's StatusWriter, keyed by host and element): the newest
/// range grows while the state stays across consecutive observations of a run
/// (<see cref="StatusContinuity"/>), a new state or run opens a range, an older write is refused. A
/// host's element is a series of kind status; its ranges carry that series id. Statements join
/// the batch's NpgsqlBatch; the cache runs ahead of them and is forgotten when a batch fails.
/// </summary>
internal sealed class PgStatusWriter(PgSeriesIds ids)
{
    private readonly Dictionary<long, Newest> _newest = [];

    public long Refused { get; private set; }

    /// <summary>Adds the record's statement to the batch's (none when refused or unchanged); reads the element's newest range once a session.</summary>
    public void Add(NpgsqlConnection connection, NpgsqlBatch statements, StatusRecord record)
    {
        var seriesId = ids.StatusId(record.Element);
        var newest = NewestOf(connection, seriesId);
        if (newest is not null && record.TimeUnixNs < newest.EndNs)
        {
            Refused++;
            return;
        }

        if (newest is not null && StatusContinuity.Extends(record, newest.EndNs, newest.Oper, newest.Admin))
        {
            if (record.TimeUnixNs > newest.EndNs)
            {
                // The newest range is the element's last inserted (a new one opens only at or after its end).
                var extend = new NpgsqlBatchCommand(
                    "UPDATE status SET end_ns = $2 WHERE series_id = $1 AND id = (SELECT max(id) FROM status WHERE series_id = $1)");
                extend.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seriesId });
                extend.Parameters.Add(new NpgsqlParameter<long> { TypedValue = record.TimeUnixNs });
                statements.BatchCommands.Add(extend);
                newest.EndNs = record.TimeUnixNs;
            }

            return;
        }

        var insert = new NpgsqlBatchCommand("INSERT INTO status(series_id, start_ns, end_ns, oper, admin) VALUES($1, $2, $2, $3, $4)");
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seriesId });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = record.TimeUnixNs });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Oper });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)record.Admin ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        statements.BatchCommands.Add(insert);
        _newest[seriesId] = new Newest(record.TimeUnixNs, record.Oper, record.Admin);
    }

    /// <summary>After a rollback the cache may not match the table: reload lazily.</summary>
    public void Forget() => _newest.Clear();

    private Newest? NewestOf(NpgsqlConnection connection, long seriesId)
    {
        if (_newest.TryGetValue(seriesId, out var cached))
        {
            return cached;
        }

        using var select = new NpgsqlCommand("SELECT end_ns, oper, admin FROM status WHERE series_id = $1 ORDER BY id DESC LIMIT 1", connection);
        select.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seriesId });
        using var reader = select.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var newest = new Newest(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        _newest[seriesId] = newest;
        return newest;
    }

    private sealed class Newest(long endNs, string oper, string? admin)
    {
        public long EndNs { get; set; } = endNs;

        public string Oper { get; } = oper;

        public string? Admin { get; } = admin;
    }
}
