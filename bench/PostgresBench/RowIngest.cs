using System.Diagnostics;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Fathom.PostgresBench;

/// <summary>
/// The plain layout Fathom's blocks are measured against: a row per point (series_id int4, time
/// timestamptz, value float8) with its primary key (series_id, time), which any per-series read
/// or de-duplication needs; a series table names the ids. A round (one point of every series) is
/// a transaction, as Fathom's batches are.
/// </summary>
internal static class RowIngest
{
    private const int RowsPerInsert = 1000;

    private const string Schema = """
        CREATE TABLE series(id int4 PRIMARY KEY, name text NOT NULL, tags jsonb NOT NULL);
        CREATE TABLE points(series_id int4 NOT NULL, time timestamptz NOT NULL, value float8 NOT NULL, PRIMARY KEY (series_id, time));
        """;

    public static async Task<string> CopyAsync(string connection, int series, int rounds)
    {
        await using var source = NpgsqlDataSource.Create(connection);
        await using var db = await PrepareAsync(source, series);
        var data = new Rounds(series);
        var values = new double[series];
        var watch = Stopwatch.StartNew();
        for (long round = 0; round < rounds; round++)
        {
            data.Fill(values, round);
            await using var tx = await db.BeginTransactionAsync();
            await using (var copy = await db.BeginBinaryImportAsync("COPY points(series_id, time, value) FROM STDIN (FORMAT BINARY)"))
            {
                var time = ToTimestamp(Rounds.TimeOf(round));
                for (var s = 0; s < series; s++)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(s, NpgsqlDbType.Integer);
                    await copy.WriteAsync(time, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(values[s], NpgsqlDbType.Double);
                }

                await copy.CompleteAsync();
            }

            await tx.CommitAsync();
        }

        return Timed.Line("rows-copy", (long)series * rounds, watch.Elapsed.TotalSeconds, $" rows_per_copy={series}");
    }

    public static async Task<string> InsertAsync(string connection, int series, int rounds)
    {
        await using var source = NpgsqlDataSource.Create(connection);
        await using var db = await PrepareAsync(source, series);
        var data = new Rounds(series);
        var values = new double[series];
        var sql = new StringBuilder("INSERT INTO points(series_id, time, value) VALUES ");
        for (var r = 0; r < RowsPerInsert; r++)
        {
            sql.Append(r == 0 ? "" : ",").Append('(').Append('$').Append((3 * r) + 1).Append(",$").Append((3 * r) + 2).Append(",$").Append((3 * r) + 3).Append(')');
        }

        await using var insert = new NpgsqlCommand(sql.ToString(), db);
        for (var p = 0; p < 3 * RowsPerInsert; p++)
        {
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = (p % 3) switch { 0 => NpgsqlDbType.Integer, 1 => NpgsqlDbType.TimestampTz, _ => NpgsqlDbType.Double } });
        }

        await insert.PrepareAsync();
        var watch = Stopwatch.StartNew();
        for (long round = 0; round < rounds; round++)
        {
            data.Fill(values, round);
            var time = ToTimestamp(Rounds.TimeOf(round));
            await using var tx = await db.BeginTransactionAsync();
            insert.Transaction = tx;
            for (var start = 0; start < series; start += RowsPerInsert)
            {
                if (series - start < RowsPerInsert)
                {
                    throw new InvalidOperationException($"SERIES must be a multiple of {RowsPerInsert}");
                }

                for (var r = 0; r < RowsPerInsert; r++)
                {
                    insert.Parameters[3 * r].Value = start + r;
                    insert.Parameters[(3 * r) + 1].Value = time;
                    insert.Parameters[(3 * r) + 2].Value = values[start + r];
                }

                await insert.ExecuteNonQueryAsync();
            }

            await tx.CommitAsync();
        }

        return Timed.Line("rows-insert", (long)series * rounds, watch.Elapsed.TotalSeconds, $" rows_per_statement={RowsPerInsert}");
    }

    private static async Task<NpgsqlConnection> PrepareAsync(NpgsqlDataSource source, int series)
    {
        var db = await source.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand(Schema, db))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var names = new NpgsqlCommand(
            "INSERT INTO series SELECT i, 'bench.value', jsonb_build_object('target', 't' || lpad(i::text, 5, '0')) FROM generate_series(0, $1 - 1) i", db);
        names.Parameters.Add(new NpgsqlParameter<int> { TypedValue = series });
        await names.ExecuteNonQueryAsync();
        return db;
    }

    private static DateTime ToTimestamp(long unixNs) => DateTime.UnixEpoch.AddTicks(unixNs / 100);
}
