namespace Fathom.Core.Pipeline;

/// <summary>Counters of the measurement pipeline; every loss shows here and in the log.</summary>
public sealed class PipelineStats
{
    internal long ReceivedCount;
    internal long WrittenCount;
    internal long DroppedCount;
    internal long LostCount;
    internal long BatchCount;
    internal long WriteErrorCount;
    internal long LastBatchMicroseconds;
    internal volatile string? LastWriteError;

    public long Received => Interlocked.Read(ref ReceivedCount);

    /// <summary>Measurements the archive holds: committed, less those lost with a deleted file.</summary>
    public long Written => Interlocked.Read(ref WrittenCount);

    /// <summary>Measurements dropped (oldest first) because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref DroppedCount);

    /// <summary>Measurements written to an archive file that was then deleted or replaced (no longer stored).</summary>
    public long Lost => Interlocked.Read(ref LostCount);

    public long Batches => Interlocked.Read(ref BatchCount);

    public long WriteErrors => Interlocked.Read(ref WriteErrorCount);

    public TimeSpan LastBatchDuration => TimeSpan.FromMicroseconds(Interlocked.Read(ref LastBatchMicroseconds));

    /// <summary>Why the archive refused the last batch, while it keeps refusing; null once a batch is committed (for readiness).</summary>
    public string? ArchiveError => LastWriteError;

    /// <summary>Received but not yet written (queued or in the batch being written).</summary>
    public long Pending => Received - Written - Dropped - Lost;
}
