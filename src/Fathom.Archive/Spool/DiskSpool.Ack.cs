namespace Fathom.Archive.Spool;

public sealed partial class DiskSpool
{
    /// <inheritdoc />
    public void Acknowledge(long sequence)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            var old = _state.Acknowledged;
            if (sequence <= old)
            {
                return;
            }

            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sequence, _next);
            foreach (var seg in _segments)
            {
                if (seg.FirstSequence > sequence)
                {
                    break;
                }

                for (var i = seg.IndexAfter(old); i < seg.Records.Count && seg.Records[i].Sequence <= sequence; i++)
                {
                    _pendingBatches--;
                    _pendingMeasurements -= seg.Records[i].Measurements;
                }
            }

            _state.Acknowledged = sequence;
            WriteAcknowledged();
            while (_segments.Count > 0 && _segments[0].LastSequence <= sequence)
            {
                var seg = _segments[0];
                if (seg == _active)
                {
                    CloseActive();
                }

                _segments.RemoveAt(0);
                _totalBytes -= seg.Bytes;
                DeleteSegment(seg);
            }

            Pulse(ref _roomSignal);
        }
    }

    private void DeleteSegment(SpoolSegment seg)
    {
        seg.CloseHandles();
        try
        {
            File.Delete(seg.Path);
        }
        catch (Exception e) when (IsIo(e))
        {
            // Its records are acknowledged or counted as dropped: a leftover file is found again on
            // the next open and deleted there (its sequences are at or below the watermark or reserved).
            _writeErrors++;
            _lastError = $"{seg.Path}: delete: {Reason(e)}";
            Log.WriteFailed(_logger, _lastError);
        }
    }

    private void WriteAcknowledged()
    {
        if (_ackLog.Length + AckLog.EntryBytes > AckLog.CompactBytes && TryWriteState())
        {
            try
            {
                _ackLog.Clear();
                return;
            }
            catch (Exception e) when (IsIo(e))
            {
                // The state file has the watermark; a log that cannot be emptied is only longer.
                _lastError = $"{Path.Combine(_folder, AckLog.FileName)}: {Reason(e)}";
            }
        }

        try
        {
            _ackLog.Append(_state.Acknowledged);
        }
        catch (Exception e) when (IsIo(e))
        {
            _writeErrors++;
            _lastError = $"{Path.Combine(_folder, AckLog.FileName)}: {Reason(e)}";
            Log.StateWriteFailed(_logger, _folder, _lastError, _state.Acknowledged);
        }
    }

    // An ack or drop that cannot be written stays in memory and is written with the next one; a lost
    // ack only means redelivery (the archive stores a batch once), and never a reused sequence.
    private bool TryWriteState()
    {
        try
        {
            SpoolStateFile.Write(_folder, _state);
            return true;
        }
        catch (Exception e) when (IsIo(e))
        {
            _writeErrors++;
            _lastError = $"{Path.Combine(_folder, SpoolStateFile.FileName)}: {Reason(e)}";
            Log.StateWriteFailed(_logger, _folder, Reason(e), _state.Acknowledged);
            return false;
        }
    }
}
