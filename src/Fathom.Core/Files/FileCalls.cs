using System.Runtime.InteropServices;
using Fathom.Core.Native;

namespace Fathom.Core.Files;

/// <summary>
/// Identity (stat) of files and raw descriptors, over <see cref="Libc"/>: .NET's FileStream takes
/// its own flock, which would race ours. The open/close/unlink names and O_* spellings stay for the
/// archive backend's callers; new code calls <see cref="Libc"/> directly.
/// </summary>
public static class FileCalls
{
    public const int ORdonly = Libc.O_RDONLY;
    public const int ORdwr = Libc.O_RDWR;
    public const int OCreat = Libc.O_CREAT;
    public const int OExcl = Libc.O_EXCL;
    public const int ONonblock = Libc.O_NONBLOCK;
    public const int OCloexec = Libc.O_CLOEXEC;
    public const int LockEx = Libc.LOCK_EX;
    public const int LockNb = Libc.LOCK_NB;
    public const int Ewouldblock = Libc.EWouldBlock;

    /// <summary>open(2): <see cref="Libc.open"/>.</summary>
    public static int open(string path, int flags, int mode) => Libc.open(path, flags, mode);

    /// <summary>close(2): <see cref="Libc.close"/>.</summary>
    public static int close(int fd) => Libc.close(fd);

    /// <summary>unlink(2): <see cref="Libc.unlink"/>.</summary>
    public static int unlink(string path) => Libc.unlink(path);

    /// <summary>The text of an errno value.</summary>
    public static string ErrorText(int errno) => Libc.ErrorText(errno);

    /// <summary>The last P/Invoke's errno as text.</summary>
    public static string LastErrorText() => Libc.LastErrorText();

    /// <summary>The file behind a raw descriptor, or null when fstat fails.</summary>
    public static FileIdentity? Identity(int fd)
    {
        var buffer = new byte[256];
        return Libc.fstat(fd, buffer) == 0 ? FileIdentity.FromStat(buffer) : null;
    }

    /// <summary>The file behind an open handle (a FileStream's, say).</summary>
    public static FileIdentity? Identity(SafeHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return Identity((int)handle.DangerousGetHandle());
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>What <paramref name="path"/> names now (symbolic links followed), or null when nothing does.</summary>
    public static FileIdentity? Identity(string path)
    {
        var buffer = new byte[256];
        return Libc.stat(path, buffer) == 0 ? FileIdentity.FromStat(buffer) : null;
    }
}
