using Fathom.Core.Measurements;

namespace Fathom.Archive;

/// <summary>A writer to a local file: every batch completes before the call returns.</summary>
internal interface ISynchronousWriter
{
    /// <summary>Stores <paramref name="batch"/>, or throws and stores none of it.</summary>
    void WriteBatch(ReadOnlySpan<Measurement> batch);

    /// <summary>Stores <paramref name="batch"/> with its stream's watermark, or throws; false (nothing stored) when the watermark covers <paramref name="id"/>.</summary>
    bool WriteBatch(ReadOnlySpan<Measurement> batch, Fathom.Core.Storage.BatchId? id);
}
