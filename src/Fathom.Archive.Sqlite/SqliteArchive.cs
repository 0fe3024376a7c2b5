using Fathom.Archive.Blocks;
using Fathom.Archive.Files;
using Fathom.Archive.Retention;
using Fathom.Archive.Rollups;
using Fathom.Archive.Sqlite;
using Fathom.Core.Configuration;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using Microsoft.Extensions.Logging;
using Fathom.Core.Files;

namespace Fathom.Archive;

/// <summary>
/// The SQLite measurement archive. One writer (the pipeline) calls <see cref="WriteBatch(ReadOnlySpan{Measurement})"/>;
/// each batch is one transaction through statements prepared once. Points go to compressed
/// per-series blocks (<see cref="BlockPointWriter"/>) with their 1 h and 1 d summaries; older
/// schema versions are migrated on open. Retention runs in short steps between batches.
/// A full disk or a read-only file fails the batch with an <see cref="ArchiveException"/> that
/// names the file and the reason; the pipeline keeps the batch and retries it. The writer holds
/// the archive's lock (<see cref="ArchiveLock"/>) while open, and opening ends with a write
/// transaction, so an archive that opens is one that takes writes.
/// </summary>
internal sealed class SqliteArchive : ISequencedArchiveWriter, ISynchronousWriter
{
    /// <summary>How long a write waits for another connection's lock before failing with SQLITE_BUSY.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    private readonly SqliteConnection _connection;
    private readonly SqliteStatement _begin;
    private readonly SqliteStatement _commit;
    private readonly SqliteStatement _rollback;
    private readonly SqliteStatement _streamGet;
    private readonly SqliteStatement _streamSet;
    private readonly SeriesRegistry _series;
    private readonly BlockPointWriter _points;
    private readonly EventWriter _events;
    private readonly StatusWriter _status;
    private readonly RollupRows _rollupRows;
    private readonly RollupMaintainer _rollups;
    private readonly RetentionRunner _retention;
    private readonly ArchiveLock _lock;
    private readonly FileIdentity _identity;
    private long _committed;
    private bool _disposed;

    /// <summary>Opens the archive at <paramref name="path"/>, creating the file and its folder if needed.</summary>
    public SqliteArchive(string path, ILogger? logger = null)
        : this(path, logger, RetentionSettings.Forever, TimeProvider.System)
    {
    }

    /// <summary>Opens with retention settings; <paramref name="time"/> tells now for the cutoffs.</summary>
    public SqliteArchive(string path, ILogger? logger, RetentionSettings retention, TimeProvider time)
        : this(path, logger, BlockPointWriter.DefaultMaxJournalPoints, retention, time)
    {
    }

    /// <summary>Opens with a journal bound other than the default (tests of the early block close).</summary>
    internal SqliteArchive(string path, ILogger? logger, long maxJournalPoints)
        : this(path, logger, maxJournalPoints, RetentionSettings.Forever, TimeProvider.System)
    {
    }

    private SqliteArchive(string path, ILogger? logger, long maxJournalPoints, RetentionSettings retention, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(retention);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        if (ArchivePathCheck.Problem(Path) is { } problem)
        {
            throw new ArchiveException(problem);
        }

        var folder = System.IO.Path.GetDirectoryName(Path);
        try
        {
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArchiveException($"cannot create the archive's folder {folder}: {e.Message}", e);
        }

        _lock = ArchiveLock.Acquire(Path);
        try
        {
            _connection = SqliteConnection.Open(Path, readOnly: false, BusyTimeout);
        }
        catch (SqliteException e)
        {
            _lock.Dispose();
            throw new ArchiveException($"cannot open archive {Path}: {e.SqliteMessage} (code {e.ExtendedCode})", e);
        }

        try
        {
            switch (ArchiveSchema.Inspect(_connection))
            {
                case SchemaState.Empty:
                    ArchiveSchema.Create(_connection);
                    break;
                case SchemaState.Version1:
                    V1Migration.Run(_connection);
                    V2Migration.Run(_connection);
                    break;
                case SchemaState.Version2:
                    V2Migration.Run(_connection);
                    break;
            }

            var mode = _connection.ScalarText("PRAGMA journal_mode = WAL");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArchiveException($"{Path}: could not switch to WAL journal mode (got '{mode}')");
            }

            // NORMAL is durable across application crashes in WAL mode; only power loss may lose the last commits.
            _connection.Execute("PRAGMA synchronous = NORMAL");
            _begin = _connection.Prepare("BEGIN IMMEDIATE");
            _commit = _connection.Prepare("COMMIT");
            _rollback = _connection.Prepare("ROLLBACK");
            // Delivery streams' watermarks live in the state table, written in each batch's transaction.
            _connection.Execute(SqliteArchiveState.TableSql);
            _streamGet = _connection.Prepare("SELECT value FROM state WHERE name = ?1");
            _streamSet = _connection.Prepare("INSERT INTO state(name, value) VALUES(?1, ?2) ON CONFLICT(name) DO UPDATE SET value = excluded.value");
            _series = new SeriesRegistry(_connection);
            _rollupRows = new RollupRows(_connection, writable: true);
            _rollups = new RollupMaintainer(_connection, _rollupRows);
            _points = new BlockPointWriter(_connection, _rollups, maxJournalPoints);
            _retention = new RetentionRunner(_connection, _rollupRows, retention, time, logger);
            _events = new EventWriter(_connection);
            _status = new StatusWriter(_connection, logger);
            ProbeWrite();
            _identity = FileCalls.Identity(Path) ?? throw new ArchiveException($"archive {Path} vanished while it was opened");
        }
        catch (SqliteException e)
        {
            _connection.Dispose();
            _lock.Dispose();
            throw new ArchiveException($"cannot open archive {Path}: {Reason(e)}", e);
        }
        catch
        {
            _connection.Dispose();
            _lock.Dispose();
            throw;
        }
    }

    public string Path { get; }

    public string Description => $"sqlite {Path}";

    /// <summary>What retention removed since opening, and the samples not stored for being older than retain_raw.</summary>
    internal RetentionTotals Retention => _retention.Totals;

    /// <summary>Runs a whole retention pass now instead of in steps between batches.</summary>
    internal RetentionTotals RunRetentionNow()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _retention.RunPassNow();
    }

    /// <summary>Measurements committed to this file since it was opened.</summary>
    public long Committed => Interlocked.Read(ref _committed);

    /// <summary>False once the path no longer names the file this writer has open (deleted or replaced).</summary>
    public bool IsStillAtPath => FileCalls.Identity(Path) is { } now && now.SameFile(_identity);

    /// <summary>Status writes refused since opening because they were older than the element's newest range.</summary>
    public long RefusedStatusWrites => _status.Refused;

    /// <summary>Writes through <see cref="WriteBatch(ReadOnlySpan{Measurement})"/>: a local file completes synchronously, with no allocation.</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<Measurement> batch, CancellationToken cancellationToken) =>
        SynchronousWriter.WriteAsync(this, batch, cancellationToken);

    /// <summary>Stores the batch unless its stream's watermark covers it (see <see cref="ISequencedArchiveWriter"/>); a local file completes synchronously.</summary>
    public ValueTask<bool> WriteAsync(ReadOnlyMemory<Measurement> batch, BatchId id, CancellationToken cancellationToken) =>
        SynchronousWriter.WriteAsync(this, batch, id, cancellationToken);

    /// <summary>Stores <paramref name="batch"/> in one transaction, or throws and stores none of it.</summary>
    public void WriteBatch(ReadOnlySpan<Measurement> batch) => _ = WriteBatch(batch, null);

    /// <summary>
    /// Stores <paramref name="batch"/> in one transaction with its stream's new watermark, or throws and
    /// stores none of it; false (nothing stored) when the watermark already covers <paramref name="id"/>.
    /// </summary>
    public bool WriteBatch(ReadOnlySpan<Measurement> batch, BatchId? id)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (batch.IsEmpty && id is null)
        {
            return true;
        }

        try
        {
            // BEGIN IMMEDIATE takes the write lock, so a read-only file already fails here.
            _begin.Run();
            if (id is { } named && named.Sequence <= Watermark(named.Stream))
            {
                _rollback.Run();
                return false;
            }

            var rawCutoff = _retention.RawCutoffNow();
            long expired = 0;
            foreach (ref readonly var measurement in batch)
            {
                switch (measurement.Kind)
                {
                    case MeasurementKind.Sample:
                        var sample = measurement.Sample;
                        if (sample.TimeUnixNs < rawCutoff)
                        {
                            expired++;
                            break;
                        }

                        _points.Add(_series.IdOf(sample.Series), sample.TimeUnixNs, sample.Value);
                        break;
                    case MeasurementKind.Event:
                        _events.Add(measurement.Event);
                        break;
                    case MeasurementKind.Status:
                        _ = _status.Add(measurement.Status);
                        break;
                    default:
                        throw new ArgumentException($"unknown measurement kind {measurement.Kind}", nameof(batch));
                }
            }

            _points.Flush();
            if (id is { } stored)
            {
                SetWatermark(stored);
            }

            _commit.Run();
            Interlocked.Add(ref _committed, batch.Length);
            if (expired > 0)
            {
                _retention.CountExpired(expired);
            }
        }
        catch (SqliteException e) when (e.PrimaryCode is SqliteCodes.Full or SqliteCodes.ReadOnly)
        {
            RollBack();
            throw new ArchiveException($"cannot write archive {Path}: {Reason(e)}", e);
        }
        catch
        {
            RollBack();
            throw;
        }

        _series.Committed();
        _retention.AfterBatch();
        return true;
    }

    private static string StreamKey(Guid stream) => "delivery/stream/" + stream.ToString("D");

    private long Watermark(Guid stream)
    {
        try
        {
            _streamGet.Bind(1, StreamKey(stream));
            return _streamGet.Step() && long.TryParse(_streamGet.Text(0), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence)
                ? sequence
                : 0;
        }
        finally
        {
            _streamGet.Reset();
        }
    }

    private void SetWatermark(BatchId id)
    {
        try
        {
            _streamSet.Bind(1, StreamKey(id.Stream));
            _streamSet.Bind(2, id.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _streamSet.Run();
        }
        finally
        {
            _streamSet.Reset();
        }
    }

    /// <summary>The connection, for tests that provoke SQLite errors.</summary>
    internal SqliteConnection Connection => _connection;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _retention.Dispose();
        _status.Dispose();
        _events.Dispose();
        _points.Dispose();
        _rollups.Dispose();
        _rollupRows.Dispose();
        _series.Dispose();
        _streamGet.Dispose();
        _streamSet.Dispose();
        _begin.Dispose();
        _commit.Dispose();
        _rollback.Dispose();
        _connection.Dispose();
        _lock.Dispose();
    }

    private static string Reason(SqliteException e) => e.PrimaryCode switch
    {
        SqliteCodes.Full => $"the disk is full ({e.SqliteMessage}, code {e.ExtendedCode})",
        SqliteCodes.ReadOnly => $"the file is read-only ({e.SqliteMessage}, code {e.ExtendedCode})",
        _ => $"{e.SqliteMessage} (code {e.ExtendedCode})",
    };

    // A write transaction that changes page 1 (PRAGMA user_version dirties it even when unchanged):
    // a full disk or a read-only file fails here, before the daemon reports ready.
    private void ProbeWrite()
    {
        var version = _connection.ScalarInt64("PRAGMA user_version");
        _begin.Run();
        try
        {
            _connection.Execute(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA user_version = {version}"));
            _commit.Run();
        }
        catch
        {
            try
            {
                _rollback.Run();
            }
            catch (SqliteException)
            {
            }

            throw;
        }
    }

    private void RollBack()
    {
        // A failed COMMIT or an error SQLite already rolled back leaves no transaction; ROLLBACK then fails harmlessly.
        try
        {
            _rollback.Run();
        }
        catch (SqliteException)
        {
        }

        _series.RolledBack();
        _points.Discard();
        _status.RolledBack();
    }
}
