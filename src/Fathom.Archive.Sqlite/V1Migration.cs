using Fathom.Archive.Blocks;
using Fathom.Archive.Sqlite;

namespace Fathom.Archive;

/// <summary>
/// Converts a version 1 archive (points as rows) to version 2 in one transaction (then <see cref="V2Migration"/> adds the rollups): every series'
/// points, in time order, become closed blocks; then the points table is dropped.
/// A crash before the commit leaves the version 1 file as it was.
/// </summary>
internal static class V1Migration
{
    public static void Run(SqliteConnection connection)
    {
        connection.Execute("BEGIN IMMEDIATE");
        try
        {
            connection.Execute(ArchiveSchema.PointTablesSql);
            CopyPoints(connection);
            connection.Execute("DROP TABLE points");
            connection.Execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'");
            connection.Execute("PRAGMA user_version = 2");
            connection.Execute("COMMIT");
        }
        catch
        {
            connection.Execute("ROLLBACK");
            throw;
        }
    }

    private static void CopyPoints(SqliteConnection connection)
    {
        var times = new long[BlockPointWriter.BlockPoints];
        var values = new double[BlockPointWriter.BlockPoints];
        var encoded = new byte[BlockCodec.MaxEncodedBytes(times.Length)];
        using var select = connection.Prepare("SELECT series_id, time_ns, value FROM points ORDER BY series_id, time_ns");
        using var insert = connection.Prepare("INSERT INTO blocks(series_id, start_ns, end_ns, count, data) VALUES(?1, ?2, ?3, ?4, ?5)");
        long series = 0;
        var count = 0;
        while (select.Step())
        {
            var id = select.Int64(0);
            if ((id != series && count > 0) || count == times.Length)
            {
                WriteBlock(insert, series, times.AsSpan(0, count), values.AsSpan(0, count), encoded);
                count = 0;
            }

            series = id;
            times[count] = select.Int64(1);

            // Version 1 stored NaN as NULL.
            values[count++] = select.IsNull(2) ? double.NaN : select.Double(2);
        }

        if (count > 0)
        {
            WriteBlock(insert, series, times.AsSpan(0, count), values.AsSpan(0, count), encoded);
        }
    }

    private static void WriteBlock(SqliteStatement insert, long series, ReadOnlySpan<long> times, ReadOnlySpan<double> values, byte[] encoded)
    {
        var length = BlockCodec.Encode(times, values, encoded);
        insert.Bind(1, series);
        insert.Bind(2, times[0]);
        insert.Bind(3, times[^1]);
        insert.Bind(4, (long)times.Length);
        insert.BindBlob(5, encoded.AsSpan(0, length));
        insert.Run();
    }
}
