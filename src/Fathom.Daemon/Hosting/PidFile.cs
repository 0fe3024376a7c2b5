using System.Globalization;
using Fathom.Core.Files;
using Fathom.Core.Native;
using Fathom.Daemon.Native;

namespace Fathom.Daemon.Hosting;

/// <summary>
/// The pid file, locked (flock) for the daemon's whole life. The lock, not the file's existence,
/// says a daemon runs: a file left by a dead process is simply taken over. After locking we
/// check the path still names the file we hold, since a stopping daemon unlinks it.
/// </summary>
internal sealed class PidFile : IDisposable
{
    private readonly PidLock _lock;

    private PidFile(PidLock held, bool createdFolder)
    {
        _lock = held;
        CreatedFolder = createdFolder;
    }

    public string Path => _lock.Path;

    /// <summary>True when the pid file's folder did not exist and this start created it (so it is fathomd's to hand to --user).</summary>
    public bool CreatedFolder { get; }

    /// <summary>Takes the pid file or throws <see cref="PidFileException"/>.</summary>
    public static PidFile Acquire(string path)
    {
        var dir = System.IO.Path.GetDirectoryName(path);
        var createdFolder = !string.IsNullOrEmpty(dir) && !Directory.Exists(dir);
        try
        {
            if (createdFolder)
            {
                Directory.CreateDirectory(dir!);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PidFileException($"cannot create the pid file's folder {dir}: {e.Message}", runningPid: null);
        }

        return PidLock.TryAcquire(path, out var refused) is { } held
            ? new PidFile(held, createdFolder)
            : throw refused.Failure switch
            {
                PidLockFailure.Held => new PidFileException(
                    $"already running: {refused.Holder?.ToString(CultureInfo.InvariantCulture) ?? "(pid unknown)"}", runningPid: refused.Holder),
                PidLockFailure.Open => new PidFileException($"cannot open pid file {path}: {refused.Reason}", runningPid: null),
                PidLockFailure.Lock => new PidFileException($"cannot lock pid file {path}: {refused.Reason}", runningPid: null),
                _ => new PidFileException($"cannot take pid file {path}: it keeps being replaced", runningPid: null),
            };
    }

    /// <summary>Lets the daemon's user keep writing the file after privileges are dropped.</summary>
    public void ChangeOwner(uint uid, uint gid) => _ = Libc.chown(Path, uid, gid);

    /// <summary>Removes the file while it is still ours, then releases the lock.</summary>
    public void Dispose() => _lock.Dispose();
}
