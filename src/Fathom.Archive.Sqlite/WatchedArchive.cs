using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Fathom.Archive;

/// <summary>
/// The daemon's archive: a <see cref="SqliteArchive"/> that notices, before and after each batch,
/// when its path no longer names the file it writes (deleted, or replaced). It says so, counts
/// what was written to the lost file as <see cref="Lost"/>, and opens a new archive at the path
/// (folder included). If that fails, the batch fails and the pipeline keeps it and retries.
/// </summary>
internal sealed partial class WatchedArchive : ISequencedArchiveWriter, ISynchronousWriter
{
    private readonly Func<SqliteArchive> _open;
    private readonly ILogger _logger;
    private SqliteArchive? _current;
    private long _lost;

    /// <summary>Opens the first archive now (its errors are start-up errors); <paramref name="open"/> makes each one.</summary>
    public WatchedArchive(Func<SqliteArchive> open, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(open);
        _open = open;
        _logger = logger;
        _current = open();
        Path = _current.Path;
    }

    public string Path { get; }

    public string Description => $"sqlite {Path}";

    /// <summary>Measurements once committed to a file that was then deleted or replaced.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Writes through <see cref="WriteBatch(ReadOnlySpan{Measurement})"/>: a local file completes synchronously, with no allocation.</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<Measurement> batch, CancellationToken cancellationToken) =>
        SynchronousWriter.WriteAsync(this, batch, cancellationToken);

    /// <summary>Writes a delivery stream's batch once (see <see cref="ISequencedArchiveWriter"/>); a local file completes synchronously.</summary>
    public ValueTask<bool> WriteAsync(ReadOnlyMemory<Measurement> batch, BatchId id, CancellationToken cancellationToken) =>
        SynchronousWriter.WriteAsync(this, batch, id, cancellationToken);

    /// <summary>Writes to the file at the path, recreating it first if it is gone.</summary>
    public void WriteBatch(ReadOnlySpan<Measurement> batch) => _ = WriteBatch(batch, null);

    /// <summary>Writes to the file at the path (recreated first if gone); false when the stream's watermark there covers <paramref name="id"/>.</summary>
    public bool WriteBatch(ReadOnlySpan<Measurement> batch, BatchId? id)
    {
        if (batch.IsEmpty && id is null)
        {
            return true;
        }

        if (_current is { IsStillAtPath: false } stale)
        {
            Abandon(stale, batch.Length, inLostFile: 0);
        }

        if (_current is null)
        {
            _current = _open();
            Log.Recreated(_logger, Path, batch.Length);
        }

        var stored = _current.WriteBatch(batch, id);
        if (!_current.IsStillAtPath)
        {
            // Committed into a file nobody will read: fail the batch, so the pipeline keeps it and writes it again.
            Abandon(_current, batch.Length, inLostFile: stored ? batch.Length : 0);
            throw new ArchiveException($"archive {Path} was deleted or replaced while a batch was written to it");
        }

        return stored;
    }

    /// <summary>Status writes the open file refused for being older than their element's newest range.</summary>
    internal long RefusedStatusWrites => _current?.RefusedStatusWrites ?? 0;

    /// <summary>Runs a whole retention pass on the file now (tests; the daemon's passes run between batches).</summary>
    internal Retention.RetentionTotals RunRetentionNow() =>
        (_current ?? throw new InvalidOperationException("no archive is open")).RunRetentionNow();

    public void Dispose()
    {
        _current?.Dispose();
        _current = null;
    }

    private void Abandon(SqliteArchive gone, int pending, int inLostFile)
    {
        var lost = gone.Committed - inLostFile;
        Interlocked.Add(ref _lost, lost);
        Log.Gone(_logger, Path, lost, pending);
        _current = null;
        gone.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 700, EventName = "ArchiveGone", Level = LogLevel.Error, Message = "archive {Path} was deleted or replaced while in use: the {Lost} measurement(s) written to it since it was opened are lost with it (and whatever it held before); recreating it for the {Pending} measurement(s) at hand")]
        public static partial void Gone(ILogger logger, string path, long lost, int pending);

        [LoggerMessage(EventId = 701, EventName = "ArchiveRecreated", Level = LogLevel.Warning, Message = "archive {Path} recreated; storing again, starting with {Count} measurement(s)")]
        public static partial void Recreated(ILogger logger, string path, int count);
    }
}
