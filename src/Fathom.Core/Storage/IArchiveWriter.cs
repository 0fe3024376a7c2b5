using Fathom.Core.Measurements;

namespace Fathom.Core.Storage;

/// <summary>
/// The write port of an archive: where the pipeline's single writer puts measurements. Batches
/// come in arrival order, one call at a time; a batch is stored whole or the call fails (with an
/// <see cref="ArchiveException"/> when the backend can say why), and the pipeline keeps the batch
/// and retries it. A backend that writes locally may complete synchronously (no allocation); a
/// network backend awaits its server and honours the token.
/// </summary>
public interface IArchiveWriter : IDisposable
{
    /// <summary>A short description for logs, e.g. "sqlite /var/lib/fathom/archive.db".</summary>
    string Description { get; }

    /// <summary>
    /// Measurements once written that the store no longer holds (their file was deleted or replaced
    /// under the writer); the pipeline moves them from written to lost. 0 unless a store says otherwise.
    /// </summary>
    long Lost => 0;

    /// <summary>Stores <paramref name="batch"/> whole; the memory is the caller's again once the returned task completes.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<Measurement> batch, CancellationToken cancellationToken);
}
