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
}
