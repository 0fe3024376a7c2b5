using Fathom.Core.Measurements;

namespace Fathom.Core.Pipeline;

/// <summary>
/// Sees every batch the archive committed, on the pipeline's writer thread, before the next batch
/// is taken: it must be quick (it delays ingest) and must not keep the span.
/// </summary>
public interface IBatchObserver
{
    void Committed(ReadOnlySpan<Measurement> batch);
}
