using Fathom.Archive.Blocks;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using Npgsql;

namespace Fathom.Archive.Postgres;

/// <summary>
/// The read port over a PostgreSQL archive: every host's series, points (blocks, open blocks
/// from the agents' journals) and summaries, read in one REPEATABLE READ snapshot per query.
/// </summary>
internal sealed class PostgresArchiveReader : SeriesQueryEngine
{
    private readonly PostgresArchiveSettings _settings;
    private readonly NpgsqlDataSource _source;
    private readonly NpgsqlConnection _connection;
    private readonly PgPointSource _points;
    private bool _inSnapshot;

    private PostgresArchiveReader(PostgresArchiveSettings settings, NpgsqlDataSource source, NpgsqlConnection connection, PgPointSource points)
        : base(points, new PgRollupRows(connection))
    {
        _settings = settings;
        _source = source;
        _connection = connection;
        _points = points;
    }

    public override string Description => $"postgresql {_settings.Target}";

    public override string Location => _settings.Target;

    public static PostgresArchiveReader Open(PostgresArchiveSettings settings)
    {
        NpgsqlDataSource? source = null;
        NpgsqlConnection? connection = null;
        try
        {
            source = PostgresDataSources.Create(settings, pooling: false);
            connection = source.OpenConnection();
            PostgresSchema.CheckReadable(connection, settings.Target);
            return new PostgresArchiveReader(settings, source, connection, new PgPointSource(connection));
        }
        catch (Exception e) when (e is ArchiveException || PostgresFailures.IsDatabaseError(e))
        {
            connection?.Dispose();
            source?.Dispose();
            throw PostgresFailures.Wrap(settings.Target, "open", e);
        }
    }

    public override ArchiveCheckReport Check()
    {
        var problems = new List<string>();
        long series = 0, points = 0, events = 0, status = 0, size = 0;
        InSnapshot(() =>
        {
            series = Count("SELECT count(*) FROM series WHERE kind = 'points'");
            events = Count("SELECT count(*) FROM events");
            status = Count("SELECT count(*) FROM status");
            size = Count("SELECT pg_database_size(current_database())");
            using (var select = new NpgsqlCommand("SELECT series_id, start_ns, count, data FROM blocks", _connection))
            using (var reader = select.ExecuteReader())
            {
                var times = new long[PgOpenBlocks.BlockPoints];
                var values = new double[PgOpenBlocks.BlockPoints];
                while (reader.Read())
                {
                    var data = (byte[])reader.GetValue(3);
                    try
                    {
                        var count = BlockCodec.CountOf(data);
                        if (times.Length < count)
                        {
                            times = new long[count];
                            values = new double[count];
                        }

                        _ = BlockCodec.Decode(data, times, values);
                        if (count != reader.GetInt32(2))
                        {
                            problems.Add($"block of series {reader.GetInt64(0)} at {reader.GetInt64(1)} holds {count} points, its row says {reader.GetInt32(2)}");
                        }

                        points += count;
                    }
                    catch (InvalidDataException e)
                    {
                        problems.Add($"corrupt block of series {reader.GetInt64(0)} at {reader.GetInt64(1)}: {e.Message}");
                    }
                }
            }

            _points.BeginSnapshot(null);
            points += _points.OpenPoints;
        });
        return new ArchiveCheckReport(series, points, events, status, problems) { SizeBytes = size };
    }

    protected override IReadOnlyList<EventRecord> ReadEvents(long fromNs, long toNs, string? name, IReadOnlyList<KeyValuePair<string, string>>? tags) =>
        Guard(() =>
        {
            using var select = new NpgsqlCommand(
                """
                SELECT s.name, s.tags, e.time_ns, e.json FROM events e JOIN series s ON s.id = e.series_id
                WHERE e.time_ns >= $1 AND e.time_ns <= $2 AND ($3::text IS NULL OR s.name = $3) ORDER BY e.time_ns, e.id
                """, _connection);
            select.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromNs });
            select.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toNs });
            select.Parameters.Add(new NpgsqlParameter { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            using var reader = select.ExecuteReader();
            var result = new List<EventRecord>();
            while (reader.Read())
            {
                var eventTags = TagsJson.Parse(reader.GetString(1));
                if (tags is null || tags.All(t => eventTags.Contains(t)))
                {
                    result.Add(new EventRecord(reader.GetString(0), eventTags, reader.GetInt64(2), reader.GetString(3)));
                }
            }

            return (IReadOnlyList<EventRecord>)result;
        });

    protected override IReadOnlyList<StatusRange> ReadStatus(string? element, long fromNs, long toNs) =>
        Guard(() =>
        {
            using var select = new NpgsqlCommand("""
                SELECT s.name, t.start_ns, t.end_ns, t.oper, t.admin FROM status t JOIN series s ON s.id = t.series_id
                WHERE ($1::text IS NULL OR s.name = $1) AND t.end_ns >= $2 AND t.start_ns <= $3
                ORDER BY s.name COLLATE "C", t.start_ns, t.id
                """, _connection);
            select.Parameters.Add(new NpgsqlParameter { Value = (object?)element ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            select.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromNs });
            select.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toNs });
            using var reader = select.ExecuteReader();
            var result = new List<StatusRange>();
            while (reader.Read())
            {
                result.Add(new StatusRange(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
            }

            return (IReadOnlyList<StatusRange>)result;
        });

    protected override List<(long Id, SeriesKey Key)> SelectSeries(string? nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags) =>
        Guard(() =>
        {
            var wild = nameGlob is not null && nameGlob.AsSpan().IndexOfAny('*', '?') >= 0;
            var prefix = nameGlob is null ? "" : wild ? nameGlob[..nameGlob.AsSpan().IndexOfAny('*', '?')] : nameGlob;
            using var select = new NpgsqlCommand(nameGlob is null || (wild && prefix.Length == 0)
                ? """SELECT id, name, unit, tags FROM series WHERE kind = 'points' ORDER BY canonical COLLATE "C" """
                : wild
                    ? """SELECT id, name, unit, tags FROM series WHERE kind = 'points' AND starts_with(name, $1) ORDER BY canonical COLLATE "C" """
                    : """SELECT id, name, unit, tags FROM series WHERE kind = 'points' AND name = $1 ORDER BY canonical COLLATE "C" """, _connection);
            if (nameGlob is not null && (!wild || prefix.Length > 0))
            {
                select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = prefix });
            }

            using var reader = select.ExecuteReader();
            var result = new List<(long, SeriesKey)>();
            while (reader.Read())
            {
                var name = reader.GetString(1);
                if (wild && !NameGlob.IsMatch(nameGlob!, name))
                {
                    continue;
                }

                var seriesTags = TagsJson.Parse(reader.GetString(3));
                if (tags.All(t => seriesTags.Contains(t)))
                {
                    result.Add((reader.GetInt64(0), new SeriesKey(name, reader.GetString(2), seriesTags)));
                }
            }

            return result;
        });

    protected override void InSnapshot(Action read)
    {
        if (_inSnapshot)
        {
            read();
            return;
        }

        _inSnapshot = true;
        try
        {
            Guard(() =>
            {
                _points.Reset();
                using var transaction = _connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
                read();
                transaction.Commit();
                return 0;
            });
        }
        finally
        {
            _inSnapshot = false;
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _connection.Dispose();
            _source.Dispose();
        }
    }

    private long Count(string sql)
    {
        using var command = new NpgsqlCommand(sql, _connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not ArchiveException && PostgresFailures.IsDatabaseError(e))
        {
            throw PostgresFailures.Wrap(_settings.Target, "read", e);
        }
    }
}
