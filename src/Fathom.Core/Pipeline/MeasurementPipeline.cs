using System.Threading.Channels;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Fathom.Core.Pipeline;

/// <summary>
/// Collectors write into a bounded queue; one writer takes batches out and hands them to the
/// archive. When the archive fails, the batch is kept and retried while new measurements queue
/// up; when the queue is full the oldest are dropped, counted and logged — never silently.
/// </summary>
public sealed partial class MeasurementPipeline : IMeasurementSink, IAsyncDisposable
{
    private readonly Channel<Measurement> _channel;
    private readonly IArchiveWriter _archive;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly int _batchSize;
    private readonly Measurement[] _batch;
    private readonly Task _writer;
    private readonly IBatchObserver? _observer;
    private long _dropsLogged;
    private long _lostSeen;
    private volatile bool _completing;
    private bool _gaveUp;

    /// <summary>A pipeline into <c>archive</c>; <c>observer</c> is told of every committed batch (the latest values /metrics serves).</summary>
    public MeasurementPipeline(IArchiveWriter archive, ILogger logger, TimeProvider time, int capacity = 100_000, int batchSize = 5_000, IBatchObserver? observer = null)
    {
        _archive = archive;
        _observer = observer;
        _logger = logger;
        _time = time;
        _batchSize = batchSize;
        _batch = new Measurement[batchSize];
        _channel = Channel.CreateBounded<Measurement>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            OnDropped);
        _writer = Task.Run(WriteLoopAsync);
    }

    public PipelineStats Stats { get; } = new();

    public int Queued => _channel.Reader.Count;

    public void Write(in Measurement measurement)
    {
        Interlocked.Increment(ref Stats.ReceivedCount);
        if (!_channel.Writer.TryWrite(measurement))
        {
            // Only after completion: the daemon is stopping and this measurement arrived too late.
            OnDropped(measurement);
        }
    }

    /// <summary>Stops accepting, writes everything queued, and returns when the archive has it all.</summary>
    public async Task CompleteAsync()
    {
        _completing = true;
        _channel.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await CompleteAsync().ConfigureAwait(false);

    private void OnDropped(Measurement dropped)
    {
        var n = Interlocked.Increment(ref Stats.DroppedCount);
        // Log the first drop and then every power of two, so a long outage does not flood the log.
        if ((n & (n - 1)) == 0 && Interlocked.Exchange(ref _dropsLogged, n) != n)
        {
            Log.Dropped(_logger, n, _channel.Reader.Count);
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var count = 0;
            while (count < _batchSize && reader.TryRead(out var m))
            {
                _batch[count++] = m;
            }

            if (count > 0)
            {
                await WriteWithRetryAsync(count).ConfigureAwait(false);
            }
        }
    }

    // What the archive lost after it was written is no longer written: move it to lost.
    private void AccountLost()
    {
        var lost = _archive.Lost;
        if (lost != _lostSeen)
        {
            Interlocked.Add(ref Stats.LostCount, lost - _lostSeen);
            Interlocked.Add(ref Stats.WrittenCount, _lostSeen - lost);
            _lostSeen = lost;
        }
    }

    private async Task WriteWithRetryAsync(int count)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            var start = _time.GetTimestamp();
            try
            {
                // Stopping completes the queue and waits for this write: it is never cancelled halfway.
                await _archive.WriteAsync(_batch.AsMemory(0, count), CancellationToken.None).ConfigureAwait(false);
                Interlocked.Exchange(ref Stats.LastBatchMicroseconds, (long)_time.GetElapsedTime(start).TotalMicroseconds);
                Interlocked.Increment(ref Stats.BatchCount);
                Interlocked.Add(ref Stats.WrittenCount, count);
                Stats.LastWriteError = null;
                AccountLost();
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                AccountLost();
                Interlocked.Increment(ref Stats.WriteErrorCount);
                Stats.LastWriteError = e.Message;
                Log.WriteFailed(_logger, _archive.Description, count, e.Message, delay.TotalSeconds);
                // Stopping (more may still be queued: the reader's completion waits for it) and the
                // archive still refuses: give up, counted as dropped, said loudly; later batches get one try.
                if (_completing && (_gaveUp || delay >= TimeSpan.FromSeconds(8)))
                {
                    _gaveUp = true;
                    Array.Clear(_batch, 0, count);
                    Interlocked.Add(ref Stats.DroppedCount, count);
                    Log.GaveUp(_logger, count, _archive.Description);
                    return;
                }

                await Task.Delay(delay, _time).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }

        // Outside the retry: an observer's failure must never make a committed batch be written twice.
        _observer?.Committed(_batch.AsSpan(0, count));
        Array.Clear(_batch, 0, count);
    }
}
