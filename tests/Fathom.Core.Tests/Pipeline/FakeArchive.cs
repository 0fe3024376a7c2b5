using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.Core.Tests.Pipeline;

/// <summary>
/// An archive that keeps every committed batch, can refuse the next N batches, and can hold a
/// call until the test opens its gate.
/// </summary>
internal sealed class FakeArchive : IArchiveWriter
{
    private readonly object _gate = new();
    private readonly List<Measurement[]> _batches = [];
    private readonly ManualResetEventSlim _open = new(initialState: true);
    private int _failuresLeft;
    private int _attempts;
    private int _inCall;
    private int _mostInCall;

    public string Description => "fake";

    /// <summary>Every call to WriteBatch, failed or not.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public bool InCall => Volatile.Read(ref _inCall) > 0;

    /// <summary>The most calls seen at once (the pipeline promises one).</summary>
    public int MostInCall => Volatile.Read(ref _mostInCall);

    /// <summary>When set, every write yields before storing, so it completes asynchronously as a network store's would.</summary>
    public bool Asynchronous { get; init; }

    public IReadOnlyList<Measurement[]> Batches
    {
        get
        {
            lock (_gate)
            {
                return [.. _batches];
            }
        }
    }

    public IReadOnlyList<double> Values => [.. Batches.SelectMany(b => b).Select(m => m.Sample.Value)];

    /// <summary>The next <paramref name="count"/> calls throw (int.MaxValue: every call).</summary>
    public void FailNext(int count) => Volatile.Write(ref _failuresLeft, count);

    /// <summary>Calls block until <see cref="Open"/>.</summary>
    public void Close() => _open.Reset();

    public void Open() => _open.Set();

    public async ValueTask WriteAsync(ReadOnlyMemory<Measurement> batch, CancellationToken cancellationToken)
    {
        var inCall = Interlocked.Increment(ref _inCall);
        InterlockedMax(ref _mostInCall, inCall);
        try
        {
            Interlocked.Increment(ref _attempts);
            if (Asynchronous)
            {
                await Task.Yield();
            }

            if (!_open.Wait(TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException("the test never opened the archive");
            }

            if (Volatile.Read(ref _failuresLeft) > 0)
            {
                Interlocked.Decrement(ref _failuresLeft);
                throw new IOException("disk full");
            }

            var copy = batch.ToArray();
            lock (_gate)
            {
                _batches.Add(copy);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inCall);
        }
    }

    public void Dispose() => _open.Dispose();

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var now && now != seen)
        {
            seen = now;
        }
    }
}
