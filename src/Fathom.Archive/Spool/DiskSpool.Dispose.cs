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
                _ = TryWriteState();
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
        ReleaseFiles();
        SpoolFiles.Unlock(_lockFd);
        var gone = new ObjectDisposedException(nameof(DiskSpool));
        _recordSignal.TrySetException(gone);
        _roomSignal.TrySetException(gone);
    }

    // Everything but the folder lock (its owner, Open or Close, releases that).
    private void ReleaseFiles()
    {
        _disposed = true;
        _syncTimer?.Dispose();
        foreach (var seg in _segments)
        {
            seg.CloseHandles();
        }

        _ackLog.Dispose();
    }
}
