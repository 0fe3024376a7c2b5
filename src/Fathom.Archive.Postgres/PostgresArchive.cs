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
/// status and (for a named batch) the stream's watermark; a batch that closes no block and holds no
/// late point is a single round trip. The writer's session holds an advisory
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
    private readonly PgNulText _nul = new();
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
        _status = new PgStatusWriter(_series);
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

    public async ValueTask WriteAsync(ReadOnlyMemory<Measurement> batch, CancellationToken cancellationToken) =>
        _ = await WriteCoreAsync(batch, null, cancellationToken).ConfigureAwait(false);

    public ValueTask<bool> WriteAsync(ReadOnlyMemory<Measurement> batch, BatchId id, CancellationToken cancellationToken) =>
        WriteCoreAsync(batch, id, cancellationToken);

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

    private async ValueTask<bool> WriteCoreAsync(ReadOnlyMemory<Measurement> batch, BatchId? id, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (batch.IsEmpty && id is null)
        {
            return true;
        }

        try
        {
            var connection = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (id is { } named && await WatermarkAsync(connection, named.Stream, cancellationToken).ConfigureAwait(false) >= named.Sequence)
            {
                return false;
            }

            var before = _nul.Replaced;
            batch = _nul.Clean(batch, _series.Knows);
            if (before == 0 && _nul.Replaced > 0)
            {
                Log.NulReplaced(_logger, _settings.Target, PgNulText.Stand);
            }

            await _series.ResolveAsync(connection, batch, cancellationToken).ConfigureAwait(false);
            if (NewToMemory(batch.Span) is { Count: > 0 } unseen)
            {
                _open.Prepare(await PgBlockRows.ClosedEndsAsync(connection, unseen, cancellationToken).ConfigureAwait(false));
            }

            // From here the memory state runs ahead of the table until the commit.
            _loaded = false;
            var stored = await StoreAsync(connection, batch, id, cancellationToken).ConfigureAwait(false);
            _loaded = true;
            if (stored)
            {
                AfterBatch(connection);
            }

            return stored;
        }
        catch (OperationCanceledException)
        {
            // A cancelled command leaves the session in an unknown state: start afresh next time.
            Drop();
            throw;
        }
        catch (Exception e) when (PostgresFailures.IsDatabaseError(e))
        {
            Drop();
            throw PostgresFailures.Wrap(_settings.Target, "write to", e);
        }
    }

    private List<long> NewToMemory(ReadOnlySpan<Measurement> batch)
    {
        _batchIds.Clear();
        foreach (ref readonly var m in batch)
        {
            if (m.Kind == MeasurementKind.Sample && _series.IdOf(m.Sample.Series) is var id && !_open.Knows(id) && !_batchIds.Contains(id))
            {
                _batchIds.Add(id);
            }
        }

        return _batchIds;
    }

    // Most batches only add a journal chunk, events and status: one round trip, the statements of one
    // NpgsqlBatch in the implicit transaction of its single Sync. Closed blocks (COPY) and late points,
    // which read as they write, take an explicit transaction: the same NpgsqlBatch first (the
    // watermark guard before any other work), then they.
    private async Task<bool> StoreAsync(NpgsqlConnection connection, ReadOnlyMemory<Measurement> batch, BatchId? id, CancellationToken cancellationToken)
    {
        var expired = ApplyPoints(batch.Span);
        _open.CloseEarlyIfLarge();
        var simple = _open.Closed.Count == 0 && _open.Late.Count == 0;
        NpgsqlTransaction? transaction = null;
        try
        {
            if (!simple)
            {
                await _partitions.EnsureAsync(connection, _open.Closed.Select(b => b.StartNs).Concat(_open.Late.Select(p => p.TimeNs)), cancellationToken).ConfigureAwait(false);
                transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var statements = new NpgsqlBatch(connection);
            if (id is { } named)
            {
                AddAdvanceWatermark(statements, named);
            }

            _open.AddFlush(statements);
            AddRecords(connection, statements, batch.Span);
            if (statements.BatchCommands.Count > 0)
            {
                try
                {
                    await statements.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException e) when (id is not null && e.SqlState == PostgresErrorCodes.DivisionByZero)
                {
                    // Stored before (the guard, the batch's only division, found the watermark unmoved): nothing of this batch stays.
                    if (transaction is not null)
                    {
                        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    }

                    Reload(connection);
                    return false;
                }
            }

            if (transaction is not null)
            {
                await StoreClosedAsync(connection, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }
        }

        ExpiredSamples += expired;
        if (id is { } done)
        {
            _watermarks[done.Stream] = done.Sequence;
        }

        return true;
    }

    // In the explicit transaction: closed blocks by binary COPY, their summaries, late points merged.
    private async Task StoreClosedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await CopyClosedAsync(connection, cancellationToken).ConfigureAwait(false);
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
    }

    // The batch's samples into the open blocks (in memory); returns how many were older than retain_raw.
    private long ApplyPoints(ReadOnlySpan<Measurement> batch)
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

        return expired;
    }

    // Events and status are few per batch: a statement each, in the batch's NpgsqlBatch.
    private void AddRecords(NpgsqlConnection connection, NpgsqlBatch statements, ReadOnlySpan<Measurement> batch)
    {
        foreach (ref readonly var m in batch)
        {
            switch (m.Kind)
            {
                case MeasurementKind.Sample:
                    break;
                case MeasurementKind.Status:
                    _status.Add(connection, statements, m.Status);
                    break;
                case MeasurementKind.Event:
                    var insert = new NpgsqlBatchCommand("INSERT INTO events(series_id, time_ns, json) VALUES($1, $2, $3)");
                    insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _series.EventId(m.Event) });
                    insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = m.Event.TimeUnixNs });
                    insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = m.Event.Json });
                    statements.BatchCommands.Add(insert);
                    break;
                default:
                    throw new ArgumentException($"unknown measurement kind {m.Kind}", nameof(batch));
            }
        }
    }

    private async Task CopyClosedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_open.Closed.Count == 0)
        {
            return;
        }

        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY blocks(series_id, start_ns, end_ns, count, data) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        foreach (var block in _open.Closed)
        {
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(block.SeriesId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(block.StartNs, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(block.EndNs, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(block.Count, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(block.Data, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
        }

        _ = await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<long> WatermarkAsync(NpgsqlConnection connection, Guid stream, CancellationToken cancellationToken)
    {
        if (_watermarks.TryGetValue(stream, out var known))
        {
            return known;
        }

        await using var select = new NpgsqlCommand("SELECT sequence FROM streams WHERE host = $1 AND stream = $2", connection);
        select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _settings.Host });
        select.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = stream });
        var stored = await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long s ? s : 0;
        _watermarks[stream] = stored;
        return stored;
    }

    // First of the batch's statements: the stream's watermark moves to this batch, or (stored before)
    // the statement fails by dividing by the zero rows it changed, which undoes the whole batch.
    private void AddAdvanceWatermark(NpgsqlBatch statements, BatchId id)
    {
        var upsert = new NpgsqlBatchCommand("""
            WITH advanced AS (
                INSERT INTO streams(host, stream, sequence) VALUES($1, $2, $3)
                ON CONFLICT(host, stream) DO UPDATE SET sequence = excluded.sequence WHERE streams.sequence < excluded.sequence
                RETURNING 1)
            SELECT 1 / count(*)::integer FROM advanced
            """);
        upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _settings.Host });
        upsert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id.Stream });
        upsert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id.Sequence });
        statements.BatchCommands.Add(upsert);
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

    private async ValueTask<NpgsqlConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is not { State: System.Data.ConnectionState.Open } && !_disposed)
        {
            // Open asynchronously (the slow part when the server is away); the rest of setting up is rare and short.
            Drop();
            _source = PostgresDataSourcesOrThrow();
            NpgsqlConnection? opened = null;
            try
            {
                opened = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                return Setup(opened);
            }
            catch (Exception e) when (e is ArchiveException || PostgresFailures.IsDatabaseError(e))
            {
                opened?.Dispose();
                Drop();
                throw PostgresFailures.Wrap(_settings.Target, "connect to", e);
            }
        }

        return Connection();
    }

    private NpgsqlDataSource PostgresDataSourcesOrThrow()
    {
        try
        {
            return PostgresDataSources.Create(_settings, pooling: false);
        }
        catch (ArgumentException e)
        {
            throw new ArchiveException($"cannot connect to PostgreSQL archive {_settings.Target}: {e.Message}", e);
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
            _source = PostgresDataSourcesOrThrow();
            connection = _source.OpenConnection();
            return Setup(connection);
        }
        catch (Exception e) when (e is ArchiveException || PostgresFailures.IsDatabaseError(e))
        {
            connection?.Dispose();
            Drop();
            throw PostgresFailures.Wrap(_settings.Target, "connect to", e);
        }
    }

    // A new session: schema, the host's writer lock, the open blocks from the journal.
    private NpgsqlConnection Setup(NpgsqlConnection connection)
    {
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
