using Fathom.Core.Measurements;

namespace Fathom.Archive;

/// <summary>The write port over a synchronous writer: completes with no allocation.</summary>
internal static class SynchronousWriter
{
    public static ValueTask WriteAsync<T>(T writer, ReadOnlyMemory<Measurement> batch, CancellationToken cancellationToken)
        where T : ISynchronousWriter
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            writer.WriteBatch(batch.Span);
            return default;
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e);
        }
    }

    /// <summary>The sequenced write port over a synchronous writer (see <see cref="Fathom.Core.Storage.ISequencedArchiveWriter"/>).</summary>
    public static ValueTask<bool> WriteAsync<T>(T writer, ReadOnlyMemory<Measurement> batch, Fathom.Core.Storage.BatchId id, CancellationToken cancellationToken)
        where T : ISynchronousWriter
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        try
        {
            return ValueTask.FromResult(writer.WriteBatch(batch.Span, id));
        }
        catch (Exception e)
        {
            return ValueTask.FromException<bool>(e);
        }
    }
}
