using System.Collections.Concurrent;
using Fathom.Core.Storage;

namespace Fathom.Api.Hosting;

/// <summary>
/// Archive readers for concurrent requests: a reader is not thread-safe, so each request borrows
/// one and gives it back; at most <see cref="Keep"/> idle readers are kept open.
/// </summary>
internal sealed class ReaderPool(Func<IArchiveReader> open) : IDisposable
{
    public const int Keep = 8;

    private readonly ConcurrentBag<IArchiveReader> _idle = [];

    public Lease Borrow() => new(this, _idle.TryTake(out var r) ? r : open());

    public void Dispose()
    {
        while (_idle.TryTake(out var r))
        {
            r.Dispose();
        }
    }

    private void Return(IArchiveReader reader)
    {
        if (_idle.Count < Keep)
        {
            _idle.Add(reader);
        }
        else
        {
            reader.Dispose();
        }
    }

    /// <summary>A borrowed reader, returned on dispose.</summary>
    internal readonly struct Lease(ReaderPool pool, IArchiveReader reader) : IDisposable
    {
        public IArchiveReader Reader { get; } = reader;

        public void Dispose() => pool.Return(Reader);
    }
}
