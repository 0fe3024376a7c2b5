using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.Archive.Tests.Delivery;

/// <summary>
/// A sequenced archive writer: keeps stored values in order with each stream's watermark (as a
/// real server does), can be down, can hang, and can lose its answer after storing.
/// </summary>
internal sealed class FakeWriter(string name = "fake") : ISequencedArchiveWriter
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, long> _watermarks = [];
    private readonly List<double> _stored = [];

    public string Description => name;

    /// <summary>While true, every write fails as a refused connection.</summary>
    public volatile bool Down;

    /// <summary>While true, writes wait until cancelled.</summary>
    public volatile bool Hang;

    /// <summary>The next N writes store and then fail (the answer is lost).</summary>
    public int LoseAnswers;

    public int Attempts;

    public IReadOnlyList<double> Stored
    {
        get
        {
            lock (_lock)
            {
                return [.. _stored];
            }
        }
    }

    public async ValueTask<bool> WriteAsync(ReadOnlyMemory<Measurement> batch, BatchId id, CancellationToken cancellationToken)
    {
        await Gate(cancellationToken).ConfigureAwait(false);
        bool stored;
        lock (_lock)
        {
            stored = id.Sequence > _watermarks.GetValueOrDefault(id.Stream);
            if (stored)
            {
                _watermarks[id.Stream] = id.Sequence;
                Store(batch.Span);
            }
        }

        if (Interlocked.Decrement(ref LoseAnswers) >= 0)
        {
            throw new IOException("connection reset after commit");
        }

        return stored;
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<Measurement> batch, CancellationToken cancellationToken)
    {
        await Gate(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            Store(batch.Span);
        }
    }

    public void Dispose()
    {
    }

    private async Task Gate(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Attempts);
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }

        if (Down)
        {
            throw new ArchiveException(ArchiveErrorKind.Failed, "connection refused");
        }
    }

    private void Store(ReadOnlySpan<Measurement> batch)
    {
        foreach (var m in batch)
        {
            _stored.Add(m.Sample.Value);
        }
    }
}
