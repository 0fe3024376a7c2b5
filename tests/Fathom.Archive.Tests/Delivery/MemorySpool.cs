using Fathom.Archive.Spool;
using Fathom.Core.Measurements;

namespace Fathom.Archive.Tests.Delivery;

/// <summary>An in-memory ISpool: records in a list, the watermark, and appends that fail on demand.</summary>
internal sealed class MemorySpool : ISpool
{
    private readonly Lock _lock = new();
    private readonly List<SpoolBatch> _records = [];
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _next = 1;

    public Guid StreamId { get; } = Guid.NewGuid();

    public long Acknowledged { get; private set; }

    /// <summary>While set, appends throw this (a full disk).</summary>
    public Exception? FailAppends { get; set; }

    public int Appends { get; private set; }

    public ValueTask<long> AppendAsync(ReadOnlyMemory<Measurement> batch, CancellationToken cancellationToken)
    {
        if (FailAppends is { } e)
        {
            throw e;
        }

        TaskCompletionSource wake;
        long sequence;
        lock (_lock)
        {
            sequence = _next++;
            _records.Add(new SpoolBatch(sequence, sequence, batch.ToArray()));
            Appends++;
            wake = _appended;
            _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.TrySetResult();
        return ValueTask.FromResult(sequence);
    }

    public SpoolBatch? ReadNext(long afterSequence)
    {
        lock (_lock)
        {
            return _records.FirstOrDefault(r => r.Sequence > afterSequence);
        }
    }

    public async ValueTask WaitForRecordAsync(long afterSequence, CancellationToken cancellationToken)
    {
        Task wait;
        lock (_lock)
        {
            if (_records.Any(r => r.Sequence > afterSequence))
            {
                return;
            }

            wait = _appended.Task;
        }

        await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Acknowledge(long sequence)
    {
        lock (_lock)
        {
            Acknowledged = Math.Max(Acknowledged, sequence);
            _records.RemoveAll(r => r.Sequence <= sequence);
        }
    }

    public SpoolStats Stats
    {
        get
        {
            lock (_lock)
            {
                return new SpoolStats(_records.Count, _records.Sum(r => (long)r.Measurements.Length), _records.Count * 100L, 1,
                    _records.Count > 0 ? _records[0].AppendedUnixNs : null, 0, 0, 0, 0, 0, null);
            }
        }
    }

    public void Dispose()
    {
    }
}
