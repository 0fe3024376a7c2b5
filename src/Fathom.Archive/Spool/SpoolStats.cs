namespace Fathom.Archive.Spool;

/// <summary>A spool's state at one moment.</summary>
/// <param name="PendingBatches">Records appended and not yet acknowledged.</param>
/// <param name="PendingMeasurements">Measurements in those records.</param>
/// <param name="PendingBytes">Bytes of the segment files on disk.</param>
/// <param name="Segments">Segment files on disk.</param>
/// <param name="OldestPendingUnixNs">When the oldest unacknowledged record was appended; null when none.</param>
/// <param name="DroppedBatches">Records dropped at spool_max_bytes (spool_full drop), since the spool was created.</param>
/// <param name="DroppedMeasurements">Measurements in those records.</param>
/// <param name="CorruptRecords">Records found unreadable (bad CRC, truncated, undecodable) and skipped.</param>
/// <param name="CorruptBytes">Bytes skipped with them.</param>
/// <param name="WriteErrors">Appends that failed on an I/O error (the caller kept the batch).</param>
/// <param name="LastError">The last I/O error's message; null once an append succeeds again.</param>
public sealed record SpoolStats(
    long PendingBatches,
    long PendingMeasurements,
    long PendingBytes,
    int Segments,
    long? OldestPendingUnixNs,
    long DroppedBatches,
    long DroppedMeasurements,
    long CorruptRecords,
    long CorruptBytes,
    long WriteErrors,
    string? LastError);
