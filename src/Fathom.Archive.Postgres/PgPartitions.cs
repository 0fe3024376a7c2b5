using System.Globalization;
using Fathom.Archive.Rollups;
using Npgsql;

namespace Fathom.Archive.Postgres;

/// <summary>
/// The day partitions of blocks (blocks_YYYYMMDD, [day, day + 1 d) of start_ns), made on demand
/// before a batch's transaction: CREATE … PARTITION OF locks the parent, so it never runs inside
/// a batch that holds rows of blocks (two writers would deadlock). Makers are serialised by an advisory lock.
/// </summary>
internal sealed class PgPartitions
{
    private readonly HashSet<long> _known = [];

    public static string NameOf(long dayNs) =>
        "blocks_" + DateTime.UnixEpoch.AddTicks(dayNs / 100).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Every partition's day start and name, oldest first.</summary>
    public static List<(long Day, string Name)> List(NpgsqlConnection connection)
    {
        using var select = new NpgsqlCommand("""
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'blocks'::regclass ORDER BY c.relname
            """, connection);
        using var reader = select.ExecuteReader();
        var result = new List<(long, string)>();
        while (reader.Read())
        {
            var name = reader.GetString(0);
            if (DateTime.TryParseExact(name.AsSpan("blocks_".Length), "yyyyMMdd", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day))
            {
                result.Add(((day - DateTime.UnixEpoch).Ticks * 100, name));
            }
        }

        return result;
    }

    public void Forget() => _known.Clear();

    /// <summary>Notes a partition that exists.</summary>
    public void Known(long dayNs) => _known.Add(dayNs);

    /// <summary>Makes the partitions holding each start time in <paramref name="startTimes"/> that are not known yet (own transaction).</summary>
    public async Task EnsureAsync(NpgsqlConnection connection, IEnumerable<long> startTimes, CancellationToken cancellationToken)
    {
        var missing = new SortedSet<long>();
        foreach (var t in startTimes)
        {
            var day = Resolutions.Floor(t, Resolutions.DayNs);
            if (!_known.Contains(day))
            {
                missing.Add(day);
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({PostgresSchema.PartitionLock})", connection))
            {
                await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var day in missing)
            {
                var sql = string.Create(CultureInfo.InvariantCulture,
                    $"CREATE TABLE IF NOT EXISTS {NameOf(day)} PARTITION OF blocks FOR VALUES FROM ({day}) TO ({day + Resolutions.DayNs})");
                await using var create = new NpgsqlCommand(sql, connection);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        _known.UnionWith(missing);
    }
}
