namespace Fathom.Archive.Delivery;

/// <summary>One archive target at one moment, for metrics, the API and the CLI.</summary>
/// <param name="Name">The target's stable name.</param>
/// <param name="Description">The backend's description (no secrets), e.g. "postgresql db.example.org:5432/fathom".</param>
/// <param name="State">"up" (last delivery succeeded), "down" (failing, retrying) or "unknown" (nothing delivered yet).</param>
/// <param name="Spooled">Whether batches go through a disk spool (else a bounded memory queue).</param>
/// <param name="PendingBatches">Batches waiting for the target.</param>
/// <param name="PendingMeasurements">Measurements in them.</param>
/// <param name="PendingBytes">Bytes of the spool on disk (0 for a memory queue).</param>
/// <param name="OldestPendingAgeSeconds">Age of the oldest waiting batch; null when none waits.</param>
/// <param name="DroppedMeasurements">Measurements dropped at the bound (spool_max_bytes, or the memory queue's).</param>
/// <param name="CorruptRecords">Spool records found unreadable and skipped.</param>
/// <param name="DeliveredBatches">Batches the target stored.</param>
/// <param name="DeliveredMeasurements">Measurements in them.</param>
/// <param name="DuplicateBatches">Batches the target already had (a replay after a lost answer or a crash) and skipped.</param>
/// <param name="Retries">Failed delivery attempts (each retried).</param>
/// <param name="SpoolWriteErrors">Spool appends that failed (the pipeline kept and retried the batch).</param>
/// <param name="LastError">The last delivery or spool error; null once delivery succeeds again.</param>
public sealed record ArchiveTargetStatus(
    string Name,
    string Description,
    string State,
    bool Spooled,
    long PendingBatches,
    long PendingMeasurements,
    long PendingBytes,
    double? OldestPendingAgeSeconds,
    long DroppedMeasurements,
    long CorruptRecords,
    long DeliveredBatches,
    long DeliveredMeasurements,
    long DuplicateBatches,
    long Retries,
    long SpoolWriteErrors,
    string? LastError);
