using System.Runtime.InteropServices;

namespace Fathom.Daemon.Native;

/// <summary>open/flock/stat on raw descriptors: .NET's FileStream takes its own flock, which would race ours.</summary>
internal static class FileCalls
{
    public const int ORdwr = 2;
    public const int OCreat = 0x40;
    public const int OCloexec = 0x80000;

    [DllImport("libc", SetLastError = true)]
    public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    public static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern int ftruncate(int fd, long length);

    [DllImport("libc", SetLastError = true)]
    public static extern nint pwrite(int fd, byte[] buffer, nint count, long offset);

    [DllImport("libc", SetLastError = true)]
    public static extern int fsync(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int fstat(int fd, byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);

    /// <summary>(device, inode) of an open descriptor; st_dev and st_ino lead struct stat on glibc's 64-bit ABIs.</summary>
    public static (ulong Dev, ulong Ino)? Identity(int fd)
    {
        var buffer = new byte[256];
        return fstat(fd, buffer) == 0 ? (BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8)) : null;
    }

    public static (ulong Dev, ulong Ino)? Identity(string path)
    {
        var buffer = new byte[256];
        return stat(path, buffer) == 0 ? (BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8)) : null;
    }
}
