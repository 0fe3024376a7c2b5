using Fathom.Archive.Retention;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Fathom.Archive.Postgres;

/// <summary>
/// The PostgreSQL writer of one agent (its <c>host</c>). Each batch is one transaction: closed
/// blocks by binary COPY, the batch's open-block points as one journal chunk, summaries, events,
/// status and (for a named batch) the stream's watermark. The writer's session holds an advisory
/// lock on its host, so a second daemon claiming the host is refused. It connects lazily: opening
/// while the server is down succeeds (the daemon starts and its spool fills); each write
/// (re)connects, and a failure throws <see cref="ArchiveException"/> with nothing stored and the
/// memory state rebuilt from the committed rows on the next call.
/// </summary>
internal sealed partial class PostgresArchive : ISequencedArchiveWriter
{
    private static readonly TimeSpan RetentionEvery = TimeSpan.FromMinutes(10);

    private readonly PostgresArchiveSettings _settings;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly PgSeriesIds _series;
    private readonly PgOpenBlocks _open;
    private readonly PgStatusWriter _status;
    private readonly PgPartitions _partitions = new();
    private readonly Dictionary<Guid, long> _watermarks = [];
    private readonly List<long> _batchIds = [];
    private NpgsqlDataSource? _source;
    private NpgsqlConnection? _connection;
    private bool _loaded;
    private long _lastRetention = long.MinValue;
    private bool _disposed;

    public PostgresArchive(PostgresArchiveSettings settings, ILogger logger, TimeProvider time)
    {
        _settings = settings;
        _logger = logger;
        _time = time;
        _series = new PgSeriesIds(settings.Host);
        _open = new PgOpenBlocks(settings.Host);
        _status = new PgStatusWriter(settings.Host);
        Description = $"postgresql {settings.Target} as host {settings.Host}";
        try
        {
            _ = Connection();
        }
        catch (ArchiveException e) when (e.Kind == ArchiveErrorKind.Failed)
        {
            // A server that is down must not stop the daemon: the first write connects.
            Log.NotReachableAtStart(_logger, settings.Target, e.Message);
        }
    }

    public string Description { get; }

    public long RefusedStatusWrites => _status.Refused;

    public long ExpiredSamples { get; private set; }

    public ValueTask WriteAsync(ReadOnlyMemory<Measurement> batch, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            _ = Write(batch.Span, null);
            return default;
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e);
        }
    }

    public ValueTask<bool> WriteAsync(ReadOnlyMemory<Measurement> batch, BatchId id, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(Write(batch.Span, id));
        }
        catch (Exception e)
        {
            return ValueTask.FromException<bool>(e);
        }
    }

    /// <summary>Runs a whole retention pass now (tests; the daemon's runs every 10 minutes after a batch).</summary>
    public void RunRetentionNow()
    {
        try
        {
            _ = PgRetention.Run(Connection(), RetentionCutoffs.At(_settings.Retention, NowNs()));
            _lastRetention = NowNs();
        }
        catch (Exception e) when (PostgresFailures.IsDatabaseError(e))
        {
            Drop();
            throw PostgresFailures.Wrap(_settings.Target, "run retention on", e);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Drop();
    }

    private bool Write(ReadOnlySpan<Measurement> batch, BatchId? id)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (batch.IsEmpty && id is null)
        {
            return true;
        }

        try
        {
            var connection = Connection();
            if (id is { } named && Watermark(connection, named.Stream) >= named.Sequence)
            {
                return false;
            }

            _series.Resolve(connection, batch);
            _batchIds.Clear();
            foreach (ref readonly var m in batch)
            {
                if (m.Kind == MeasurementKind.Sample && !_open.Knows(_series.IdOf(m.Sample.Series)))
                {
                    _batchIds.Add(_series.IdOf(m.Sample.Series));
                }
            }

            if (_batchIds.Count > 0)
            {
                _open.Prepare(PgBlockRows.ClosedEnds(connection, _batchIds.Distinct().ToList()));
            }

            // From here the memory state runs ahead of the table until the commit.
            _loaded = false;
            var stored = Store(connection, batch, id);
            _loaded = true;
            if (stored)
            {
                AfterBatch(connection);
            }

            return stored;
        }
        catch (Exception e) when (PostgresFailures.IsDatabaseError(e))
        {
            Drop();
            throw PostgresFailures.Wrap(_settings.Target, "write to", e);
        }
    }

    private bool Store(NpgsqlConnection connection, ReadOnlySpan<Measurement> batch, BatchId? id)
    {
        var rawCutoff = RetentionCutoffs.At(_settings.Retention, NowNs()).Raw;
        long expired = 0;
        _open.BeginBatch();
        foreach (ref readonly var m in batch)
        {
            if (m.Kind == MeasurementKind.Sample)
            {
                var sample = m.Sample;
                if (sample.TimeUnixNs < rawCutoff)
                {
                    expired++;
                    continue;
                }

                _open.Add(_series.IdOf(sample.Series), sample.TimeUnixNs, sample.Value);
            }
        }

        _open.CloseEarlyIfLarge();
        _partitions.Ensure(connection, _open.Closed.Select(b => b.StartNs).Concat(_open.Late.Select(p => p.TimeNs)));
        using var transaction = connection.BeginTransaction();
        if (id is { } named && !AdvanceWatermark(connection, named))
        {
            transaction.Rollback();
            _open.Load(connection);
            return false;
        }

        CopyClosed(connection);
        var rollups = new PgRollupMaintainer(connection, new PgRollupRows(connection));
        foreach (var block in _open.Closed)
        {
            rollups.BlockClosed(block.SeriesId, block.StartNs, block.EndNs, block.PreviousClosedEnd);
        }

        foreach (var (seriesId, timeNs, value) in _open.Late)
        {
            PgLateMerge.Merge(connection, seriesId, timeNs, value);
            rollups.LatePoint(seriesId, timeNs, _open.ClosedEnd(seriesId));
        }

        _open.Flush(connection);
        foreach (ref readonly var m in batch)
        {
            switch (m.Kind)
            {
                case MeasurementKind.Sample:
                    break;
                case MeasurementKind.Event:
                    InsertEvent(connection, m.Event);
                    break;
                case MeasurementKind.Status:
                    _status.Add(connection, m.Status);
                    break;
                default:
                    throw new ArgumentException($"unknown measurement kind {m.Kind}", nameof(batch));
            }
        }

        transaction.Commit();
        ExpiredSamples += expired;
        if (id is { } done)
        {
            _watermarks[done.Stream] = done.Sequence;
        }

        return true;
    }

    private void CopyClosed(NpgsqlConnection connection)
    {
        if (_open.Closed.Count == 0)
        {
            return;
        }

        using var importer = connection.BeginBinaryImport("COPY blocks(series_id, start_ns, end_ns, count, data) FROM STDIN (FORMAT BINARY)");
        foreach (var block in _open.Closed)
        {
            importer.StartRow();
            importer.Write(block.SeriesId, NpgsqlDbType.Bigint);
            importer.Write(block.StartNs, NpgsqlDbType.Bigint);
            importer.Write(block.EndNs, NpgsqlDbType.Bigint);
            importer.Write(block.Count, NpgsqlDbType.Integer);
            importer.Write(block.Data, NpgsqlDbType.Bytea);
        }

        _ = importer.Complete();
    }

    private void InsertEvent(NpgsqlConnection connection, EventRecord record)
    {
        using var insert = new NpgsqlCommand("INSERT INTO events(host, name, tags, time_ns, json) VALUES($1, $2, $3, $4, $5)", connection);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _settings.Host });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Name });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = TagsJson.Write(record.Tags) });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = record.TimeUnixNs });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Json });
        insert.ExecuteNonQuery();
    }

    private long Watermark(NpgsqlConnection connection, Guid stream)
    {
        if (_watermarks.TryGetValue(stream, out var known))
        {
            return known;
        }

        using var select = new NpgsqlCommand("SELECT sequence FROM streams WHERE stream = $1", connection);
        select.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = stream });
        var stored = select.ExecuteScalar() is long s ? s : 0;
        _watermarks[stream] = stored;
        return stored;
    }

    // In the batch's transaction: the stream's watermark moves to this batch, or the batch was stored before.
    private bool AdvanceWatermark(NpgsqlConnection connection, BatchId id)
    {
        using var upsert = new NpgsqlCommand("""
            INSERT INTO streams(stream, host, sequence) VALUES($1, $2, $3)
            ON CONFLICT(stream) DO UPDATE SET sequence = excluded.sequence WHERE streams.sequence < excluded.sequence
            RETURNING 1
            """, connection);
        upsert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id.Stream });
        upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _settings.Host });
        upsert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id.Sequence });
        return upsert.ExecuteScalar() is not null;
    }

    private void AfterBatch(NpgsqlConnection connection)
    {
        if (_settings.Retention.KeepsEverything)
        {
            return;
        }

        var now = NowNs();
        if (_lastRetention != long.MinValue && now - _lastRetention < RetentionEvery.Ticks * 100)
        {
            return;
        }

        _lastRetention = now;
        try
        {
            _ = PgRetention.Run(connection, RetentionCutoffs.At(_settings.Retention, now));
        }
        catch (Exception e) when (PostgresFailures.IsDatabaseError(e))
        {
            // The batch is committed: a failed pass is retried after the next interval, the batch must not be.
            Log.RetentionFailed(_logger, _settings.Target, PostgresFailures.Reason(e));
            Drop();
        }
    }

    private NpgsqlConnection Connection()
    {
        if (_connection is { State: System.Data.ConnectionState.Open } open)
        {
            if (!_loaded)
            {
                Reload(open);
            }

            return open;
        }

        Drop();
        NpgsqlConnection? connection = null;
        try
        {
            _source = PostgresDataSources.Create(_settings, pooling: false);
            connection = _source.OpenConnection();
            PostgresSchema.Ensure(connection, _settings.Target);
            using (var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended('fathom-writer:' || $1, 0))", connection))
            {
                take.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _settings.Host });
                if (!(bool)take.ExecuteScalar()!)
                {
                    throw new ArchiveInUseException($"archive {_settings.Target} is in use by another writer for host {_settings.Host}");
                }
            }

            Reload(connection);
            _connection = connection;
            Log.Connected(_logger, _settings.Target, _settings.Host);
            return connection;
        }
        catch (Exception e) when (e is ArchiveException || PostgresFailures.IsDatabaseError(e))
        {
            connection?.Dispose();
            Drop();
            throw PostgresFailures.Wrap(_settings.Target, "connect to", e);
        }
    }

    private void Reload(NpgsqlConnection connection)
    {
        _partitions.Forget();
        foreach (var (day, _) in PgPartitions.List(connection))
        {
            _partitions.Known(day);
        }

        _status.Forget();
        _watermarks.Clear();
        _open.Load(connection);
        _loaded = true;
    }

    private void Drop()
    {
        _loaded = false;
        _connection?.Dispose();
        _connection = null;
        _source?.Dispose();
        _source = null;
    }

    private long NowNs() => TimeText.ToUnixNs(_time.GetUtcNow());
}
