using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.Archive.Delivery;

/// <summary>
/// The pipeline's writer when there are several targets (or a spooled one): each batch goes to
/// every target's spool or queue. When one append fails the call fails and the pipeline retries
/// the same batch; targets that took it already are skipped on that retry, so none gets it twice.
/// </summary>
public sealed class FanOutWriter(IReadOnlyList<ArchiveTarget> targets) : IArchiveWriter
{
    private readonly bool[] _taken = new bool[targets.Count];

    /// <inheritdoc/>
    public string Description => $"{targets.Count} archive target(s): {string.Join(", ", targets.Select(t => t.Name))}";

    /// <summary>The targets, in configuration order.</summary>
    public IReadOnlyList<ArchiveTarget> Targets => targets;

    /// <inheritdoc/>
    public async ValueTask WriteAsync(ReadOnlyMemory<Measurement> batch, CancellationToken cancellationToken)
    {
        for (var i = 0; i < targets.Count; i++)
        {
            if (!_taken[i])
            {
                await targets[i].EnqueueAsync(batch, cancellationToken).ConfigureAwait(false);
                _taken[i] = true;
            }
        }

        Array.Clear(_taken);
    }

    /// <summary>Nothing to release: the targets are the daemon's and stopped by it.</summary>
    public void Dispose()
    {
    }
}
