namespace Fathom.Lookup.Server.Store;

/// <summary>Releases a <see cref="ReaderWriterLockSlim"/> held for reading or writing at the end of a using block.</summary>
internal readonly struct LockScope(ReaderWriterLockSlim held, bool write) : IDisposable
{
    public void Dispose()
    {
        if (write)
        {
            held.ExitWriteLock();
        }
        else
        {
            held.ExitReadLock();
        }
    }
}
