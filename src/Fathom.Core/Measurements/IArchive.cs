namespace Fathom.Core.Measurements;

/// <summary>
/// A store of measurements. The pipeline's single writer calls <see cref="WriteBatch"/> with
/// batches in arrival order; a batch is committed whole or throws.
/// </summary>
public interface IArchive : IDisposable
{
    /// <summary>A short description for logs, e.g. "sqlite /var/lib/fathom/archive.db".</summary>
    string Description { get; }

    /// <summary>
    /// Measurements once written that the store no longer holds (their file was deleted or replaced
    /// under the writer); the pipeline moves them from written to lost. 0 unless a store says otherwise.
    /// </summary>
    long Lost => 0;

    void WriteBatch(ReadOnlySpan<Measurement> batch);
}
