using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.Core.Tests.Storage;

/// <summary>Keeps every written measurement; each write completes asynchronously, as a network store's would.</summary>
internal sealed class MemoryArchive(string name) : IArchiveWriter
{
    private readonly List<Measurement> _stored = [];

    public string Name { get; } = name;

    public string Description => $"memory {Name}";

    public IReadOnlyList<Measurement> Stored
    {
        get
        {
            lock (_stored)
            {
                return [.. _stored];
            }
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<Measurement> batch, CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (_stored)
        {
            _stored.AddRange(batch.Span);
        }
    }

    public void Dispose()
    {
    }
}
