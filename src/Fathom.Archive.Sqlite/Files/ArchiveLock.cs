using Fathom.Core.Files;
using Fathom.Core.Storage;

namespace Fathom.Archive.Files;

/// <summary>
/// The writer's lock on an archive: flock on the sidecar file <c>ARCHIVE.lock</c>, which holds the
/// holder's pid. SQLite's own locks are fcntl locks on the database and independent of it; they
/// are only held during a transaction, so without this lock a second daemon or a VACUUM would slip
/// in between two batches. The lock dies with its process; a file left by a dead one is taken over.
/// </summary>
internal sealed class ArchiveLock : IDisposable
{
    private readonly PidLock _lock;

    private ArchiveLock(PidLock held) => _lock = held;

    /// <summary>The lock file's path.</summary>
    public string Path => _lock.Path;

    public static string PathFor(string archivePath) => archivePath + ".lock";

    /// <summary>Takes the lock of the archive at <paramref name="archivePath"/> (its folder must exist) or throws <see cref="ArchiveException"/>.</summary>
    public static ArchiveLock Acquire(string archivePath)
    {
        var path = PathFor(archivePath);
        return PidLock.TryAcquire(path, out var refused) is { } held
            ? new ArchiveLock(held)
            : throw refused.Failure switch
            {
                PidLockFailure.Held => new ArchiveInUseException(archivePath, refused.Holder),
                PidLockFailure.Open => new ArchiveException($"cannot use archive {archivePath}: cannot open its lock file {path}: {refused.Reason}"),
                PidLockFailure.Lock => new ArchiveException($"cannot lock archive {archivePath} ({path}): {refused.Reason}"),
                _ => new ArchiveException($"cannot lock archive {archivePath}: its lock file {path} keeps being replaced"),
            };
    }

    /// <summary>Removes the file if it is still ours, then releases the lock.</summary>
    public void Dispose() => _lock.Dispose();
}
