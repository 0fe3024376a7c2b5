using System.Globalization;
using Fathom.Archive.Blocks;
using Fathom.Archive.Retention;
using Fathom.Archive.Rollups;
using Npgsql;

namespace Fathom.Archive.Postgres;

/// <summary>
/// One retention pass over the whole archive (every host), in its own transaction; one writer at
/// a time (an advisory lock: a busy pass is skipped). Raw blocks older than retain_raw leave as in
/// SQLite, but a day partition whose every block ended before the cutoff is dropped whole; blocks
/// still within retain_1m leave their 1 min summary first. Hours past retain_1h become 1 d rows;
/// events and status ranges go with the raw points.
/// </summary>
internal static class PgRetention
{
    /// <summary>Runs a pass; false when another writer's pass holds the lock.</summary>
    public static bool Run(NpgsqlConnection connection, RetentionCutoffs cutoffs)
    {
        using var transaction = connection.BeginTransaction();
        if (!(bool)Scalar(connection, $"SELECT pg_try_advisory_xact_lock({PostgresSchema.RetentionLock})")!)
        {
            return false;
        }

        var rows = new PgRollupRows(connection);
        if (cutoffs.Raw != long.MinValue)
        {
            foreach (var (day, name) in PgPartitions.List(connection))
            {
                if (day >= cutoffs.Raw)
                {
                    break;
                }

                var whole = day + Resolutions.DayNs <= cutoffs.Raw
                    && (Scalar(connection, $"SELECT max(end_ns) FROM {name}") is not long maxEnd || maxEnd < cutoffs.Raw);
                SummariseMinutes(connection, rows, name, cutoffs);
                Execute(connection, whole ? $"DROP TABLE {name}" : Invariant($"DELETE FROM {name} WHERE end_ns < {cutoffs.Raw}"));
            }

            Execute(connection, Invariant($"DELETE FROM events WHERE time_ns < {cutoffs.Raw}"));
            Execute(connection, Invariant($"DELETE FROM status WHERE end_ns < {cutoffs.Raw}"));
        }

        if (cutoffs.Minute != long.MinValue)
        {
            Execute(connection, Invariant($"DELETE FROM rollups WHERE res = 60 AND start_ns < {cutoffs.Minute} AND end_ns < {cutoffs.Minute}"));
        }

        if (cutoffs.Hour != long.MinValue)
        {
            StoreDays(connection, rows, cutoffs);
            Execute(connection, Invariant($"DELETE FROM rollups WHERE res = 3600 AND start_ns <= {cutoffs.Hour - Resolutions.DayNs}"));
        }

        if (cutoffs.Day != long.MinValue)
        {
            Execute(connection, Invariant($"DELETE FROM rollups WHERE res = 86400 AND start_ns <= {cutoffs.Day - Resolutions.DayNs}"));
        }

        transaction.Commit();
        return true;
    }

    // The 1 min summary of every expiring block that retain_1m still covers, keyed by its first point.
    private static void SummariseMinutes(NpgsqlConnection connection, PgRollupRows rows, string partition, RetentionCutoffs cutoffs)
    {
        var blocks = new List<(long Series, long Start, long End, byte[] Data)>();
        using (var select = new NpgsqlCommand(Invariant($"SELECT series_id, start_ns, end_ns, data FROM {partition} WHERE end_ns < {cutoffs.Raw} AND end_ns >= {cutoffs.Minute}"), connection))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                blocks.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), (byte[])reader.GetValue(3)));
            }
        }

        var minutes = new BucketSeries(Resolutions.MinuteNs);
        foreach (var (series, start, end, data) in blocks)
        {
            var count = BlockCodec.CountOf(data);
            var times = new long[count];
            var values = new double[count];
            _ = BlockCodec.Decode(data, times, values);
            minutes.Clear();
            for (var i = 0; i < count; i++)
            {
                minutes.AddPoint(times[i], values[i]);
            }

            if (minutes.Count > 0)
            {
                var buckets = new RollupBucket[minutes.Count];
                for (var i = 0; i < buckets.Length; i++)
                {
                    buckets[i] = minutes[i];
                }

                rows.Upsert(series, Resolutions.MinuteNs, start, end, buckets);
            }
        }
    }

    // The days whose hours are about to go, as 1 d rows when days are kept longer.
    private static void StoreDays(NpgsqlConnection connection, PgRollupRows rows, RetentionCutoffs cutoffs)
    {
        var days = new List<(long Series, long Day)>();
        using (var select = new NpgsqlCommand(Invariant($"SELECT series_id, start_ns FROM rollups WHERE res = 3600 AND start_ns <= {cutoffs.Hour - Resolutions.DayNs}"), connection))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                var day = reader.GetInt64(1);
                if (day + Resolutions.DayNs > cutoffs.Day)
                {
                    days.Add((reader.GetInt64(0), day));
                }
            }
        }

        var fold = new BucketSeries(Resolutions.DayNs);
        foreach (var (series, day) in days)
        {
            fold.Clear();
            rows.Fold(series, Resolutions.HourNs, day, day + Resolutions.DayNs, fold);
            if (fold.Count == 1)
            {
                rows.Upsert(series, Resolutions.DayNs, day, day, [fold[0]]);
            }
        }
    }

    private static string Invariant(FormattableString sql) => sql.ToString(CultureInfo.InvariantCulture);

    private static object? Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
