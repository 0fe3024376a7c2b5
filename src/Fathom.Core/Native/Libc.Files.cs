using System.Runtime.InteropServices;

namespace Fathom.Core.Native;

/// <summary>Descriptors, files and their metadata. Raw descriptors because .NET's FileStream takes its own flock, which would race ours.</summary>
public static unsafe partial class Libc
{
    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_RDWR = 2;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;
    public const int F_GETFL = 3;
    public const int F_SETFL = 4;
    public const int F_DUPFD_CLOEXEC = 1030;
    public const int LOCK_EX = 2;
    public const int LOCK_NB = 4;
    public const int AT_FDCWD = -100;
    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    public const uint STATX_TYPE = 0x1;
    public const uint STATX_BASIC_STATS = 0x7ff;

    /// <summary>access(2) modes.</summary>
    public const int R_OK = 4;
    public const int W_OK = 2;
    public const int X_OK = 1;

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags, int mode);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint read(int fd, void* buffer, nuint count);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint write(int fd, void* buffer, nuint count);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint pread(int fd, byte[] buffer, nint count, long offset);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint pwrite(int fd, byte[] buffer, nint count, long offset);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int pipe2(int* fds, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fcntl(int fd, int cmd, int arg);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int flock(int fd, int operation);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int ftruncate(int fd, long length);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fsync(int fd);

    /// <summary>The data and the size, without the timestamps fsync also writes (the spool's per-record sync).</summary>
    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fdatasync(int fd);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int unlink(string path);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int access(string path, int mode);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int chown(string path, uint owner, uint group);

    /// <summary>fstat(2) into a buffer of at least 144 bytes (struct stat; see FileIdentity for its fields).</summary>
    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fstat(int fd, byte[] buffer);

    /// <summary>stat(2) into a buffer of at least 144 bytes.</summary>
    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int stat(string path, byte[] buffer);

    /// <summary>statx(2) into a buffer of at least 256 bytes (one layout on every architecture: uid at 20, gid at 24, mode at 28).</summary>
    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int statx(int dirfd, string path, int flags, uint mask, byte[] buffer);

    /// <summary>statvfs(3) on a NUL-terminated path.</summary>
    [LibraryImport(Lib, SetLastError = true)]
    public static partial int statvfs(byte* path, StatVfs* buffer);
}
