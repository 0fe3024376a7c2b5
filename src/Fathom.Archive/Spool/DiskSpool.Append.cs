using Fathom.Core.Measurements;

namespace Fathom.Archive.Spool;

public sealed partial class DiskSpool
{
    /// <inheritdoc />
    public async ValueTask<long> AppendAsync(ReadOnlyMemory<Measurement> batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();

        // One appender at a time (the contract), so the encoder's buffer is ours outside the lock.
        _encoder.Encode(batch.Span);
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                ThrowIfDisposed();
                if (MakeRoom(_encoder.Record.Length, out wait))
                {
                    return AppendLocked(batch.Length);
                }
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // At the bound: drop the oldest segments (spool_full drop) or hand back what to wait for (block).
    private bool MakeRoom(int size, out Task wait)
    {
        wait = Task.CompletedTask;
        while (_totalBytes + size > _maxBytes && _totalBytes > 0)
        {
            if (_fullPolicy == SpoolFullPolicy.Block)
            {
                if (!_blockedLogged)
                {
                    _blockedLogged = true;
                    Log.Blocked(_logger, _folder, _totalBytes, _maxBytes);
                }

                wait = _roomSignal.Task;
                return false;
            }

            DropOldest();
        }

        _blockedLogged = false;
        return true;
    }

    private void DropOldest()
    {
        var seg = _segments[0];
        if (seg == _active)
        {
            CloseActive();
        }

        long batches = 0, measurements = 0;
        foreach (var r in seg.Records)
        {
            if (r.Sequence > _state.Acknowledged)
            {
                batches++;
                measurements += r.Measurements;
            }
        }

        _segments.RemoveAt(0);
        _totalBytes -= seg.Bytes;
        _pendingBatches -= batches;
        _pendingMeasurements -= measurements;
        _state.DroppedBatches += batches;
        _state.DroppedMeasurements += measurements;
        Log.Dropped(_logger, _folder, _totalBytes + seg.Bytes, _maxBytes, seg.Path, batches, measurements,
            seg.Records.Count > 0 ? seg.Records[0].Sequence : seg.FirstSequence, seg.LastSequence);
        _ = TryWriteState();
        DeleteSegment(seg);
    }

    private long AppendLocked(int count)
    {
        var seq = _next;
        var record = _encoder.Record;
        string file = _active?.Path ?? Path.Combine(_folder, SpoolSegment.FileName(seq));
        try
        {
            if (seq > _state.Reserved)
            {
                file = Path.Combine(_folder, SpoolStateFile.FileName);
                Reserve(seq);
            }

            var now = _time.GetUtcNow();
            var appended = (now.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
            RecordFrame.Seal(record, seq, appended);
            if (_active is { } a && a.Bytes > 0 && a.Bytes + record.Length > _segmentBytes)
            {
                CloseActive();
            }

            file = _active?.Path ?? Path.Combine(_folder, SpoolSegment.FileName(seq));
            var seg = _active ?? CreateSegment(seq);
            file = seg.Path;
            var offset = seg.Bytes;
            Write(seg, record, offset);
            seg.Records.Add(new RecordInfo(seq, offset, record.Length - RecordFrame.HeaderBytes, count, appended));
            seg.LastSequence = seq;
            seg.Bytes += record.Length;
            _totalBytes += record.Length;
            _pendingBatches++;
            _pendingMeasurements += count;
            _next = seq + 1;
            _lastError = null;
            Pulse(ref _recordSignal);
            return seq;
        }
        catch (Exception e) when (IsIo(e))
        {
            var message = $"{file}: {Reason(e)}";
            _writeErrors++;
            _lastError = message;
            Log.WriteFailed(_logger, message);
            throw new SpoolException(message, e);
        }
    }

    // Durable before the sequence is used; on failure the old reservation stays in force.
    private void Reserve(long seq)
    {
        var old = _state.Reserved;
        _state.Reserved = seq - 1 + ReserveBlock;
        try
        {
            SpoolStateFile.Write(_folder, _state);
        }
        catch
        {
            _state.Reserved = old;
            throw;
        }
    }

    private SpoolSegment CreateSegment(long seq)
    {
        var seg = new SpoolSegment(Path.Combine(_folder, SpoolSegment.FileName(seq)), seq) { LastSequence = seq - 1 };
        seg.Writer = File.OpenHandle(seg.Path, FileMode.CreateNew, FileAccess.ReadWrite);
        _segments.Add(seg);
        _active = seg;

        // The new name must be durable before records in it are called durable.
        SpoolFiles.SyncFolder(_folder);
        return seg;
    }

    private void Write(SpoolSegment seg, ReadOnlySpan<byte> record, long offset)
    {
        try
        {
            RandomAccess.Write(seg.Writer!, record, offset);
            if (_syncInterval is not { } interval)
            {
                SpoolFiles.SyncData(seg.Writer!);
            }
            else if (_time.GetElapsedTime(_lastSyncTimestamp) >= interval)
            {
                SpoolFiles.SyncData(seg.Writer!);
                _unsynced = false;
                _lastSyncTimestamp = _time.GetTimestamp();
            }
            else
            {
                _unsynced = true;
            }
        }
        catch (Exception e) when (IsIo(e))
        {
            // Cut the half-written record away; if even that fails, leave the file to the
            // recovery scan (a torn tail) and start a new segment on the next append.
            try
            {
                RandomAccess.SetLength(seg.Writer!, offset);
            }
            catch (Exception cut) when (IsIo(cut))
            {
                CloseActive();
            }

            throw;
        }
    }

    private void CloseActive()
    {
        if (_active is not { } seg)
        {
            return;
        }

        _ = SyncActive();
        seg.Writer?.Dispose();
        seg.Writer = null;
        _active = null;
    }

    // False when an fsync failed (what it covered may not survive a power loss).
    private bool SyncActive()
    {
        if (!_unsynced || _active?.Writer is not { } writer)
        {
            return true;
        }

        var ok = true;
        try
        {
            SpoolFiles.SyncData(writer);
        }
        catch (Exception e) when (IsIo(e))
        {
            ok = false;
            _writeErrors++;
            _lastError = $"{_active.Path}: fsync: {Reason(e)}";
            Log.SyncFailed(_logger, _active.Path, Reason(e));
        }

        _unsynced = false;
        _lastSyncTimestamp = _time.GetTimestamp();
        return ok;
    }

    private void SyncTick()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _ = SyncActive();
            }
        }
    }
}
