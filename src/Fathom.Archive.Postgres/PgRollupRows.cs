using Fathom.Archive.Rollups;
using Fathom.Core.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Fathom.Archive.Postgres;

/// <summary>
/// The rollups table, as SQLite's RollupRows: a 1 h row holds the hours of one UTC day keyed by
/// the day's start; a 1 d row one day; a 1 min row the minutes of one raw block that left under
/// retention, keyed by its first point. res is in seconds.
/// </summary>
internal sealed class PgRollupRows(NpgsqlConnection connection) : ISummarySource
{
    private byte[] _encoded = new byte[RollupCodec.MaxEncodedBytes(64)];

    public long RowsRead { get; private set; }

    public void Fold(long seriesId, long resolutionNs, long lo, long hi, BucketSeries into)
    {
        if (lo >= hi)
        {
            return;
        }

        var minute = resolutionNs == Resolutions.MinuteNs;
        using var select = new NpgsqlCommand(minute
            ? """
              SELECT start_ns, data FROM rollups
              WHERE series_id = $1 AND res = $2
                AND start_ns >= coalesce((SELECT max(start_ns) FROM rollups WHERE series_id = $1 AND res = $2 AND start_ns <= $3), $3)
                AND start_ns < $4
              ORDER BY start_ns
              """
            : "SELECT start_ns, data FROM rollups WHERE series_id = $1 AND res = $2 AND start_ns >= $3 AND start_ns < $4 ORDER BY start_ns", connection);
        Add(select, seriesId);
        Add(select, Resolutions.Seconds(resolutionNs), NpgsqlDbType.Integer);
        Add(select, minute ? lo : Resolutions.Floor(lo, Resolutions.DayNs));
        Add(select, hi);
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            RowsRead++;
            var state = new FoldState(into, lo, hi, minute ? null : reader.GetInt64(0));
            try
            {
                RollupCodec.Decode((byte[])reader.GetValue(1), resolutionNs, ref state, static (ref FoldState s, in RollupBucket b) =>
                {
                    if (s.RowStart is { } rowStart && (b.Start < rowStart || b.Start >= rowStart + Resolutions.DayNs))
                    {
                        throw new InvalidDataException($"the row holds a bucket at {b.Start}");
                    }

                    if (b.Start >= s.Lo && b.Start < s.Hi)
                    {
                        s.Into.AddSummary(b);
                    }
                });
            }
            catch (Exception e) when (e is InvalidDataException or OverflowException)
            {
                throw new ArchiveDamagedException(
                    $"corrupt {Resolutions.Seconds(resolutionNs)} s summary of series {seriesId} at {reader.GetInt64(0)}: {e.Message}", e);
            }
        }
    }

    public long Covered(long seriesId)
    {
        using var select = new NpgsqlCommand("""
            SELECT res, max(start_ns), max(end_ns) FROM rollups WHERE series_id = $1 GROUP BY res
            """, connection);
        Add(select, seriesId);
        using var reader = select.ExecuteReader();
        var covered = long.MinValue;
        while (reader.Read())
        {
            var res = reader.GetInt32(0);
            covered = res == Resolutions.Seconds(Resolutions.MinuteNs)
                ? Math.Max(covered, reader.GetInt64(2))
                : Math.Max(covered, reader.GetInt64(1) + Resolutions.DayNs - 1);
        }

        return covered;
    }

    public void Upsert(long seriesId, long resolutionNs, long startNs, long endNs, ReadOnlySpan<RollupBucket> buckets)
    {
        var room = RollupCodec.MaxEncodedBytes(buckets.Length);
        if (_encoded.Length < room)
        {
            _encoded = new byte[room];
        }

        var length = RollupCodec.Encode(buckets, resolutionNs, _encoded);
        using var upsert = new NpgsqlCommand("""
            INSERT INTO rollups(series_id, res, start_ns, end_ns, data) VALUES($1, $2, $3, $4, $5)
            ON CONFLICT(series_id, res, start_ns) DO UPDATE SET end_ns = excluded.end_ns, data = excluded.data
            """, connection);
        Add(upsert, seriesId);
        Add(upsert, Resolutions.Seconds(resolutionNs), NpgsqlDbType.Integer);
        Add(upsert, startNs);
        Add(upsert, endNs);
        upsert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = _encoded.AsSpan(0, length).ToArray(), NpgsqlDbType = NpgsqlDbType.Bytea });
        upsert.ExecuteNonQuery();
    }

    private static void Add(NpgsqlCommand command, long value, NpgsqlDbType type = NpgsqlDbType.Bigint)
    {
        if (type == NpgsqlDbType.Integer)
        {
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = checked((int)value), NpgsqlDbType = type });
        }
        else
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value, NpgsqlDbType = type });
        }
    }

    private readonly record struct FoldState(BucketSeries Into, long Lo, long Hi, long? RowStart);
}
