using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Fathom.Core.Native;

namespace Fathom.Core.Files;

/// <summary>
/// A file locked with flock for as long as it is held, holding its holder's pid: the daemon's pid
/// file and an archive's writer lock. The lock, not the file's existence, says someone holds it, so
/// a file left by a dead process is simply taken over. After locking, the path must still name the
/// file we hold (a holder that stops unlinks it first); the file is removed on release while it is
/// still ours. Raw descriptors: .NET's FileStream takes a lock of its own that would race ours.
/// </summary>
public sealed class PidLock : IDisposable
{
    private int _fd;

    private PidLock(string path, int fd)
    {
        Path = path;
        _fd = fd;
    }

    public string Path { get; }

    /// <summary>Takes the lock at <paramref name="path"/> (its folder must exist); null, saying why in <paramref name="refusal"/>, when it cannot.</summary>
    public static PidLock? TryAcquire(string path, out PidLockRefusal refusal)
    {
        refusal = default;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var fd = FileCalls.open(path, FileCalls.ORdwr | FileCalls.OCreat | FileCalls.OCloexec, Convert.ToInt32("644", 8));
            if (fd < 0)
            {
                refusal = PidLockRefusal.LastError(PidLockFailure.Open);
                return null;
            }

            if (Libc.flock(fd, FileCalls.LockEx | FileCalls.LockNb) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                var held = errno == FileCalls.Ewouldblock;
                var holder = held ? ReadPid(fd) : null;
                _ = FileCalls.close(fd);
                refusal = new PidLockRefusal(held ? PidLockFailure.Held : PidLockFailure.Lock, errno, holder);
                return null;
            }

            if (FileCalls.Identity(fd) is { } mine && FileCalls.Identity(path) is { } named && mine.SameFile(named))
            {
                var pid = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
                _ = Libc.ftruncate(fd, 0);
                _ = Libc.pwrite(fd, pid, pid.Length, 0);
                _ = Libc.fsync(fd);
                return new PidLock(path, fd);
            }

            // The previous holder removed the file between our open and our lock: start over on the new one.
            _ = FileCalls.close(fd);
        }

        refusal = new PidLockRefusal(PidLockFailure.Replaced, 0, null);
        return null;
    }

    /// <summary>Removes the file if it is still ours, then releases the lock (in that order, see the class comment).</summary>
    public void Dispose()
    {
        if (_fd < 0)
        {
            return;
        }

        // Left behind (unlink refused) it is harmless: the next holder finds it unlocked and takes it over.
        if (FileCalls.Identity(_fd) is { } mine && FileCalls.Identity(Path) is { } named && mine.SameFile(named))
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
            var n = (int)Libc.pread(fd, buffer, buffer.Length, 0);
            if (n > 0 && int.TryParse(Encoding.ASCII.GetString(buffer, 0, n).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return pid;
            }

            Thread.Sleep(10);
        }

        return null;
    }
}
