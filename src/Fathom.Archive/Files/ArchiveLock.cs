using System.Globalization;
using System.Text;

namespace Fathom.Archive.Files;

/// <summary>
/// The writer's lock on an archive: flock on the sidecar file <c>ARCHIVE.lock</c>, which holds the
/// holder's pid. SQLite's own locks are fcntl locks on the database and independent of it; they
/// are only held during a transaction, so without this lock a second daemon or a VACUUM would slip
/// in between two batches. The lock dies with its process; a file left by a dead one is taken over.
/// </summary>
internal sealed class ArchiveLock : IDisposable
{
    private int _fd;

    private ArchiveLock(string path, int fd)
    {
        Path = path;
        _fd = fd;
    }

    /// <summary>The lock file's path.</summary>
    public string Path { get; }

    public static string PathFor(string archivePath) => archivePath + ".lock";

    /// <summary>Takes the lock of the archive at <paramref name="archivePath"/> (its folder must exist) or throws <see cref="ArchiveException"/>.</summary>
    public static ArchiveLock Acquire(string archivePath)
    {
        var path = PathFor(archivePath);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var fd = FileCalls.open(path, FileCalls.ORdwr | FileCalls.OCreat | FileCalls.OCloexec, Convert.ToInt32("644", 8));
            if (fd < 0)
            {
                throw new ArchiveException($"cannot use archive {archivePath}: cannot open its lock file {path}: {FileCalls.LastErrorText()}");
            }

            if (FileCalls.flock(fd, FileCalls.LockEx | FileCalls.LockNb) != 0)
            {
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                var holder = errno == FileCalls.Ewouldblock ? ReadPid(fd) : null;
                _ = FileCalls.close(fd);
                throw errno == FileCalls.Ewouldblock
                    ? new ArchiveInUseException(archivePath, holder)
                    : new ArchiveException($"cannot lock archive {archivePath} ({path}): {FileCalls.ErrorText(errno)}");
            }

            if (FileCalls.Identity(fd) is { } held && FileCalls.Identity(path) is { } named && held.SameFile(named))
            {
                var pid = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
                _ = FileCalls.ftruncate(fd, 0);
                _ = FileCalls.pwrite(fd, pid, pid.Length, 0);
                return new ArchiveLock(path, fd);
            }

            // The previous holder removed the file between our open and our lock: start over on the new one.
            _ = FileCalls.close(fd);
        }

        throw new ArchiveException($"cannot lock archive {archivePath}: its lock file {path} keeps being replaced");
    }

    /// <summary>Removes the file if it is still ours, then releases the lock.</summary>
    public void Dispose()
    {
        if (_fd < 0)
        {
            return;
        }

        if (FileCalls.Identity(_fd) is { } held && FileCalls.Identity(Path) is { } named && held.SameFile(named))
        {
            _ = FileCalls.unlink(Path);
        }

        _ = FileCalls.close(_fd);
        _fd = -1;
    }

    private static int? ReadPid(int fd)
    {
        // The holder writes its pid right after locking; give it a moment when we raced it.
        var buffer = new byte[32];
        for (var i = 0; i < 20; i++)
        {
            var n = (int)FileCalls.pread(fd, buffer, buffer.Length, 0);
            if (n > 0 && int.TryParse(Encoding.ASCII.GetString(buffer, 0, n).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return pid;
            }

            Thread.Sleep(10);
        }

        return null;
    }
}
