using Fathom.Archive.Blocks;
using Fathom.Core.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Fathom.Archive.Postgres;

/// <summary>Reads closed blocks of one series from the blocks table (every partition).</summary>
internal static class PgBlockRows
{
    /// <summary>Appends the points in [fromNs, toNs] of the series' closed blocks, in time order; <paramref name="skipped"/> takes corrupt blocks (else they throw).</summary>
    public static long Read(NpgsqlConnection connection, long seriesId, long fromNs, long toNs, List<TimePoint> into, List<string>? skipped)
    {
        using var select = new NpgsqlCommand(
            "SELECT start_ns, data FROM blocks WHERE series_id = $1 AND start_ns <= $2 AND end_ns >= $3 ORDER BY start_ns", connection);
        select.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seriesId, NpgsqlDbType = NpgsqlDbType.Bigint });
        select.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toNs, NpgsqlDbType = NpgsqlDbType.Bigint });
        select.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromNs, NpgsqlDbType = NpgsqlDbType.Bigint });
        using var reader = select.ExecuteReader();
        long decoded = 0;
        long[] times = [];
        double[] values = [];
        while (reader.Read())
        {
            var start = reader.GetInt64(0);
            var data = (byte[])reader.GetValue(1);
            int count;
            try
            {
                count = BlockCodec.CountOf(data);
                if (times.Length < count)
                {
                    times = new long[count];
                    values = new double[count];
                }

                _ = BlockCodec.Decode(data, times, values);
            }
            catch (InvalidDataException e)
            {
                var problem = $"corrupt block of series {seriesId} starting at {start}: {e.Message}";
                if (skipped is null)
                {
                    throw new ArchiveDamagedException(problem, e);
                }

                skipped.Add(problem);
                continue;
            }

            decoded += count;
            for (var i = 0; i < count; i++)
            {
                if (times[i] >= fromNs && times[i] <= toNs)
                {
                    into.Add(new TimePoint(times[i], values[i]));
                }
            }
        }

        return decoded;
    }

    /// <summary>The end of each series' newest closed block (long.MinValue when it has none), one round trip.</summary>
    public static Dictionary<long, long> ClosedEnds(NpgsqlConnection connection, IReadOnlyCollection<long> seriesIds) =>
        ClosedEndsAsync(connection, seriesIds, sync: true, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>As <see cref="ClosedEnds"/>, awaiting the server.</summary>
    public static Task<Dictionary<long, long>> ClosedEndsAsync(NpgsqlConnection connection, IReadOnlyCollection<long> seriesIds, CancellationToken cancellationToken) =>
        ClosedEndsAsync(connection, seriesIds, sync: false, cancellationToken);

    private static async Task<Dictionary<long, long>> ClosedEndsAsync(NpgsqlConnection connection, IReadOnlyCollection<long> seriesIds, bool sync, CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, long>(seriesIds.Count);
        if (seriesIds.Count == 0)
        {
            return result;
        }

        await using var select = new NpgsqlCommand("""
            SELECT s.id, (SELECT b.end_ns FROM blocks b WHERE b.series_id = s.id ORDER BY b.start_ns DESC LIMIT 1)
            FROM unnest($1::bigint[]) AS s(id)
            """, connection);
        select.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. seriesIds] });
        await using var reader = sync ? select.ExecuteReader() : await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (sync ? reader.Read() : await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result[reader.GetInt64(0)] = reader.IsDBNull(1) ? long.MinValue : reader.GetInt64(1);
        }

        return result;
    }
}
