namespace Fathom.Api.Client.Wire;

/// <summary>One archive target (an &lt;archive&gt; block) and its delivery, in GET /api/v1/collectors.</summary>
/// <param name="Name">The target's stable name.</param>
/// <param name="Description">The backend and where it is (no secrets).</param>
/// <param name="State">"up", "down" (deliveries fail, retrying) or "unknown" (nothing delivered yet).</param>
/// <param name="Spooled">Whether it has a disk spool (else a memory queue, or the pipeline writes it directly).</param>
/// <param name="PendingBatches">Batches waiting for it.</param>
/// <param name="PendingMeasurements">Measurements in them.</param>
/// <param name="PendingBytes">Bytes of its spool on disk.</param>
/// <param name="OldestPendingAgeSeconds">Age of the oldest waiting batch; absent when none waits.</param>
/// <param name="Dropped">Measurements dropped at the spool's or queue's bound.</param>
/// <param name="Corrupt">Spool records found unreadable and skipped.</param>
/// <param name="Delivered">Measurements it stored.</param>
/// <param name="Duplicates">Batches it already had (replays), not stored twice.</param>
/// <param name="Retries">Failed delivery attempts.</param>
/// <param name="SpoolErrors">Failed spool appends (kept and retried by the pipeline).</param>
/// <param name="LastError">The last error while it keeps failing.</param>
public sealed record ArchiveTargetDto(
    string Name,
    string Description,
    string State,
    bool Spooled,
    long PendingBatches,
    long PendingMeasurements,
    long PendingBytes,
    double? OldestPendingAgeSeconds,
    long Dropped,
    long Corrupt,
    long Delivered,
    long Duplicates,
    long Retries,
    long SpoolErrors,
    string? LastError);
