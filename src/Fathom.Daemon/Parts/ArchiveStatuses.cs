using Fathom.Archive.Delivery;

namespace Fathom.Daemon.Parts;

/// <summary>Every archive target's state for metrics, the API and the CLI; the direct path's one target is told from the pipeline's counters.</summary>
internal static class ArchiveStatuses
{
    public static IReadOnlyList<ArchiveTargetStatus> Of(ArchivePart archive, PipelinePart pipeline)
    {
        if (!archive.Direct)
        {
            return [.. archive.Targets.Select(t => t.Status())];
        }

        var target = archive.Configured[0];
        var s = pipeline.Pipeline.Stats;
        var error = s.ArchiveError;
        return
        [
            new ArchiveTargetStatus(
                target.Name, $"{target.Backend.Type} {target.Backend.Target}", error is null ? (s.Batches > 0 ? "up" : "unknown") : "down",
                Spooled: false, PendingBatches: 0, PendingMeasurements: Math.Max(0, s.Pending), PendingBytes: 0, OldestPendingAgeSeconds: null,
                DroppedMeasurements: s.Dropped, CorruptRecords: 0, DeliveredBatches: s.Batches, DeliveredMeasurements: s.Written,
                DuplicateBatches: 0, Retries: s.WriteErrors, SpoolWriteErrors: 0, LastError: error),
        ];
    }
}
