using System.Runtime.InteropServices;

namespace Fathom.Core.Files;

/// <summary>open/flock/stat on raw descriptors: .NET's FileStream takes its own flock, which would race ours.</summary>
internal static class FileCalls
{
    public const int ORdonly = 0;
    public const int ORdwr = 2;
    public const int OCreat = 0x40;
    public const int OExcl = 0x80;
    public const int ONonblock = 0x800;
    public const int OCloexec = 0x80000;
    public const int LockEx = 2;
    public const int LockNb = 4;
    public const int Ewouldblock = 11;

    [DllImport("libc", SetLastError = true)]
    public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    public static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern int flock(int fd, int operation);

    [DllImport("libc", SetLastError = true)]
    public static extern int ftruncate(int fd, long length);

    [DllImport("libc", SetLastError = true)]
    public static extern nint pwrite(int fd, byte[] buffer, nint count, long offset);

    [DllImport("libc", SetLastError = true)]
    public static extern nint pread(int fd, byte[] buffer, nint count, long offset);

    [DllImport("libc", SetLastError = true)]
    public static extern int fsync(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern int unlink([MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    [DllImport("libc", SetLastError = true)]
    private static extern int fstat(int fd, byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);

    [DllImport("libc")]
    private static extern IntPtr strerror(int errnum);

    public static string ErrorText(int errno) => Marshal.PtrToStringUTF8(strerror(errno)) ?? $"errno {errno}";

    /// <summary>The last P/Invoke's errno as text.</summary>
    public static string LastErrorText() => ErrorText(Marshal.GetLastPInvokeError());

    public static FileIdentity? Identity(int fd)
    {
        var buffer = new byte[256];
        return fstat(fd, buffer) == 0 ? FileIdentity.FromStat(buffer) : null;
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
        return stat(path, buffer) == 0 ? FileIdentity.FromStat(buffer) : null;
    }
}
