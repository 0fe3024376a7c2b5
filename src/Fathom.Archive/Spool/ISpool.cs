using Fathom.Core.Measurements;

namespace Fathom.Archive.Spool;

/// <summary>
/// A store-and-forward spool between the pipeline and one archive target: batches appended in
/// order as framed, checksummed records in append-only segment files, read back in order by the
/// target's delivery loop, and acknowledged once the archive has them. Records are numbered
/// 1, 2, 3 … (<see cref="SpoolBatch.Sequence"/>) across restarts; the acknowledgement watermark is
/// kept durably, and a segment is deleted only when every record in it is acknowledged.
/// One appender and one reader may run at once (different threads).
/// </summary>
public interface ISpool : IDisposable
{
    /// <summary>The spool's stream id, made when the spool is created and kept with it (the archive's idempotency key).</summary>
    Guid StreamId { get; }

    /// <summary>The highest acknowledged sequence (0 when none).</summary>
    long Acknowledged { get; }

    /// <summary>
    /// Appends <paramref name="batch"/> as one record and returns its sequence. With spool_sync batch
    /// the record is on disk (fsync) when the task completes. At spool_max_bytes: with spool_full drop
    /// the oldest unacknowledged segment is dropped (counted and logged) to make room; with
    /// spool_full block the call waits for acknowledgements (or <paramref name="cancellationToken"/>).
    /// An I/O error (a full disk) throws <see cref="SpoolException"/>; the caller keeps the batch.
    /// </summary>
    ValueTask<long> AppendAsync(ReadOnlyMemory<Measurement> batch, CancellationToken cancellationToken);

    /// <summary>
    /// The first readable record with a sequence above <paramref name="afterSequence"/> (records lost
    /// to corruption or drops are skipped and counted), or null when there is none yet.
    /// </summary>
    SpoolBatch? ReadNext(long afterSequence);

    /// <summary>Completes when a record above <paramref name="afterSequence"/> exists (at once if one does).</summary>
    ValueTask WaitForRecordAsync(long afterSequence, CancellationToken cancellationToken);

    /// <summary>Records every sequence up to <paramref name="sequence"/> as delivered (durably) and deletes segments wholly acknowledged.</summary>
    void Acknowledge(long sequence);

    /// <summary>Depth, age, drops and corruption, for metrics, the API and the log.</summary>
    SpoolStats Stats { get; }
}
