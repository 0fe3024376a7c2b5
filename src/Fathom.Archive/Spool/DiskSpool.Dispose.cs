namespace Fathom.Archive.Spool;

public sealed partial class DiskSpool
{
    /// <summary>Syncs what is unsynced, writes the state (giving back unused reserved sequences) and closes every file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _syncTimer?.Dispose();
            var synced = SyncActive();
            CloseActive();
            if (synced)
            {
                // Everything appended is on disk: the next open can go on from the next sequence.
                _state.Reserved = Math.Max(_next - 1, _state.Acknowledged);
                TryWriteState();
            }

            Close();
        }
    }

    /// <summary>For tests: stops as a crash would (no sync, no state written); the page cache keeps what was written.</summary>
    internal void Crash()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _syncTimer?.Dispose();
                Close();
            }
        }
    }

    private void Close()
    {
        _disposed = true;
        foreach (var seg in _segments)
        {
            seg.CloseHandles();
        }

        SpoolFiles.Unlock(_lockFd);
        var gone = new ObjectDisposedException(nameof(DiskSpool));
        _recordSignal.TrySetException(gone);
        _roomSignal.TrySetException(gone);
    }
}
