using System.Collections.Concurrent;
using Fathom.Core.Storage;

namespace Fathom.Api.Hosting;

/// <summary>
/// Archive readers for concurrent requests: a reader is not thread-safe, so each request borrows
/// one and gives it back. At most <see cref="Keep"/> are borrowed at once (more requests wait their
/// turn): readers stay open instead of being opened and closed per request under load, and
/// parallel reads never outnumber what the cores can decode.
/// </summary>
internal sealed class ReaderPool(Func<IArchiveReader> open) : IDisposable
{
    public const int Keep = 8;

    private readonly ConcurrentBag<IArchiveReader> _idle = [];
    private readonly SemaphoreSlim _turns = new(Keep, Keep);

    public async ValueTask<Lease> BorrowAsync(CancellationToken cancellationToken)
    {
        await _turns.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Take();
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var r))
        {
            r.Dispose();
        }

        _turns.Dispose();
    }

    private Lease Take()
    {
        try
        {
            return new(this, _idle.TryTake(out var r) ? r : open());
        }
        catch
        {
            _turns.Release();
            throw;
        }
    }

    private void Return(IArchiveReader reader, bool broken)
    {
        if (!broken && _idle.Count < Keep)
        {
            _idle.Add(reader);
        }
        else
        {
            reader.Dispose();
        }

        _turns.Release();
    }

    /// <summary>A borrowed reader, returned on dispose (or closed by <see cref="Discard"/> after a failure).</summary>
    internal readonly struct Lease(ReaderPool pool, IArchiveReader reader) : IDisposable
    {
        public IArchiveReader Reader { get; } = reader;

        public void Dispose() => pool.Return(Reader, broken: false);

        /// <summary>Closes a reader that failed instead of pooling it.</summary>
        public void Discard() => pool.Return(Reader, broken: true);
    }
}
