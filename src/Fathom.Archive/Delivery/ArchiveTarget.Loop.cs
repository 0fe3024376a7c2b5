using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.Archive.Delivery;

public sealed partial class ArchiveTarget
{
    private long _downSince;

    private async Task RunAsync()
    {
        var after = _spool?.Acknowledged ?? 0;
        var token = _hard.Token;
        while (!token.IsCancellationRequested)
        {
            Measurement[] batch;
            long sequence = 0;
            if (_spool is not null)
            {
                var next = _spool.ReadNext(after);
                if (next is null)
                {
                    if (_draining)
                    {
                        return;
                    }

                    try
                    {
                        await _spool.WaitForRecordAsync(after, _idle.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // Draining: read what is left, then stop.
                    }

                    continue;
                }

                (batch, sequence) = (next.Measurements, next.Sequence);
            }
            else if (_queue!.Reader.TryRead(out var queued))
            {
                batch = queued;
            }
            else
            {
                try
                {
                    if (!await _queue.Reader.WaitToReadAsync(token).ConfigureAwait(false))
                    {
                        return;
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            if (!await DeliverAsync(batch, sequence, token).ConfigureAwait(false))
            {
                if (_spool is null)
                {
                    // Cancelled mid-delivery at the end of the grace: the batch was taken from the queue, count it as waiting.
                    Interlocked.Add(ref _queueDropped, batch.Length);
                    Interlocked.Decrement(ref _queuedBatches);
                    Interlocked.Add(ref _queuedMeasurements, -batch.Length);
                }

                return;
            }

            if (_spool is not null)
            {
                _spool.Acknowledge(sequence);
                after = sequence;
            }
            else
            {
                Interlocked.Decrement(ref _queuedBatches);
                Interlocked.Add(ref _queuedMeasurements, -batch.Length);
            }
        }
    }

    // True once the target has the batch; false when stopped first (the batch stays in the spool).
    private async Task<bool> DeliverAsync(Measurement[] batch, long sequence, CancellationToken token)
    {
        long failures = 0;
        while (true)
        {
            try
            {
                var writer = _writer ??= _open();
                var stored = true;
                if (_spool is not null && writer is ISequencedArchiveWriter sequenced)
                {
                    stored = await sequenced.WriteAsync(batch, new BatchId(_spool.StreamId, sequence), token).ConfigureAwait(false);
                }
                else
                {
                    await writer.WriteAsync(batch, token).ConfigureAwait(false);
                }

                if (stored)
                {
                    Interlocked.Increment(ref _deliveredBatches);
                    Interlocked.Add(ref _deliveredMeasurements, batch.Length);
                }
                else
                {
                    Interlocked.Increment(ref _duplicates);
                }

                if (_state == "down")
                {
                    var s = Status();
                    var down = _time.GetElapsedTime(_downSince);
                    DeliveryLog.Back(_logger, Name, Text(down), s.PendingBatches, s.PendingMeasurements, s.OldestPendingAgeSeconds ?? 0);
                }

                _state = "up";
                _lastError = null;
                return true;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures++;
                Interlocked.Increment(ref _retries);
                _lastError = e.Message;
                if (_state != "down")
                {
                    _state = "down";
                    _downSince = _time.GetTimestamp();
                    var s = Status();
                    DeliveryLog.Unreachable(_logger, Name, e.Message, _spool is null ? "queueing in memory" : "spooling", s.PendingBatches, s.PendingMeasurements, s.OldestPendingAgeSeconds ?? 0);
                }

                try
                {
                    await Task.Delay(Options.Delivery.RetryPolicy.Wait(failures), _time, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
            }
        }
    }

    private static string Text(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:D2}m" : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m{t.Seconds:D2}s" : $"{t.TotalSeconds:F1}s";
}
