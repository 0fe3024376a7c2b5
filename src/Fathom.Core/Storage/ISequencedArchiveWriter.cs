using Fathom.Core.Measurements;

namespace Fathom.Core.Storage;

/// <summary>
/// A write port that stores batches idempotently: each batch is named by its delivery stream (a
/// spool's id, one per agent and target) and its sequence in that stream, and the store keeps each
/// stream's highest stored sequence in the same transaction as the batch. A batch at or below that
/// watermark was stored before (a retry after a lost answer, a replay after a crash) and is not
/// stored again. Streams deliver in order, so one watermark per stream is enough.
/// </summary>
public interface ISequencedArchiveWriter : IArchiveWriter
{
    /// <summary>
    /// Stores <paramref name="batch"/> whole under <paramref name="id"/>, or fails and stores none of it.
    /// Returns false (storing nothing) when the stream's watermark already covers the batch.
    /// </summary>
    ValueTask<bool> WriteAsync(ReadOnlyMemory<Measurement> batch, BatchId id, CancellationToken cancellationToken);
}
