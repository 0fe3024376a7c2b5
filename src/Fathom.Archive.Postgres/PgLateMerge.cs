using Fathom.Archive.Blocks;
using Npgsql;
using NpgsqlTypes;

namespace Fathom.Archive.Postgres;

/// <summary>A point at or before its series' newest closed block, merged into the block that spans it, or a block of its own in a gap (rare, slow path).</summary>
internal static class PgLateMerge
{
    public static void Merge(NpgsqlConnection connection, long seriesId, long timeNs, double value)
    {
        long start;
        long[] times;
        double[] values;
        using (var find = new NpgsqlCommand(
            "SELECT start_ns, end_ns, data FROM blocks WHERE series_id = $1 AND start_ns <= $2 ORDER BY start_ns DESC LIMIT 1", connection))
        {
            find.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seriesId });
            find.Parameters.Add(new NpgsqlParameter<long> { TypedValue = timeNs });
            using var reader = find.ExecuteReader();
            if (!reader.Read() || reader.GetInt64(1) < timeNs)
            {
                reader.Close();
                Write(connection, seriesId, [timeNs], [value], insert: true, 0);
                return;
            }

            start = reader.GetInt64(0);
            var data = (byte[])reader.GetValue(2);
            var count = BlockCodec.CountOf(data);
            times = new long[count];
            values = new double[count];
            _ = BlockCodec.Decode(data, times, values);
        }

        var block = new OpenBlock(times.Length + 1);
        for (var i = 0; i < times.Length; i++)
        {
            block.Put(times[i], values[i]);
        }

        block.Put(timeNs, value);
        Write(connection, seriesId, block.Times, block.Values, insert: false, start);
    }

    private static void Write(NpgsqlConnection connection, long seriesId, ReadOnlySpan<long> times, ReadOnlySpan<double> values, bool insert, long start)
    {
        var encoded = new byte[BlockCodec.MaxEncodedBytes(times.Length)];
        var length = BlockCodec.Encode(times, values, encoded);
        using var command = new NpgsqlCommand(insert
            ? "INSERT INTO blocks(series_id, start_ns, end_ns, count, data) VALUES($1, $2, $3, $4, $5)"
            : "UPDATE blocks SET end_ns = $3, count = $4, data = $5 WHERE series_id = $1 AND start_ns = $2", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seriesId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = insert ? times[0] : start });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = times[^1] });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = times.Length });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = encoded.AsSpan(0, length).ToArray(), NpgsqlDbType = NpgsqlDbType.Bytea });
        command.ExecuteNonQuery();
    }
}
