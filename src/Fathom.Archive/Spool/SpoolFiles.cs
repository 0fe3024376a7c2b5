using System.Runtime.InteropServices;
using Fathom.Core.Native;
using Microsoft.Win32.SafeHandles;

namespace Fathom.Archive.Spool;

/// <summary>The few file calls .NET lacks: fsync of a folder (so a new or renamed name is durable) and a process-wide lock on the folder.</summary>
internal static class SpoolFiles
{
    private const int O_DIRECTORY = 0x10000;

    /// <summary>
    /// fdatasync(2): the data and the size, without the timestamps fsync would also write; what a
    /// record needs to survive a power loss, and what dd oflag=dsync does per write.
    /// </summary>
    public static void SyncData(SafeFileHandle handle)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (Libc.fdatasync((int)handle.DangerousGetHandle()) < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new IOException($"fdatasync: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    public static void SyncFolder(string folder)
    {
        var fd = Libc.open(folder, Libc.O_RDONLY | O_DIRECTORY | Libc.O_CLOEXEC, 0);
        if (fd < 0)
        {
            throw new IOException($"{folder}: open for fsync: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        try
        {
            if (Libc.fsync(fd) < 0)
            {
                throw new IOException($"{folder}: fsync: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }
        }
        finally
        {
            _ = Libc.close(fd);
        }
    }

    /// <summary>An exclusive flock on <paramref name="path"/>, held until the descriptor is closed; -1 when another holder has it.</summary>
    public static int TryLock(string path)
    {
        var fd = Libc.open(path, Libc.O_RDWR | Libc.O_CREAT | Libc.O_CLOEXEC, 0x180);
        if (fd < 0)
        {
            throw new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        // A child being forked holds a copy of the lock until it execs (O_CLOEXEC): a previous
        // holder in this process that just closed may still show for a moment, so try for a second.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (Libc.flock(fd, Libc.LOCK_EX | Libc.LOCK_NB) == 0)
            {
                return fd;
            }

            Thread.Sleep(10);
        }

        _ = Libc.close(fd);
        return -1;
    }

    public static void Unlock(int fd) => _ = Libc.close(fd);
}
