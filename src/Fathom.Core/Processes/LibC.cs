using System.Runtime.InteropServices;

namespace Fathom.Core.Processes;

/// <summary>The glibc calls the spawner needs (x86_64 / aarch64 Linux, 64-bit).</summary>
internal static unsafe class LibC
{
    private const string Lib = "libc";

    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_RDWR = 2;
    public const int O_CLOEXEC = 0x80000;
    public const int F_DUPFD_CLOEXEC = 1030;
    public const int F_GETFL = 3;
    public const int F_SETFL = 4;
    public const int O_NONBLOCK = 0x800;

    public const uint EPOLLIN = 0x001;
    public const uint EPOLLOUT = 0x004;
    public const uint EPOLLONESHOT = 1u << 30;
    public const int EPOLL_CTL_ADD = 1;
    public const int EPOLL_CTL_DEL = 2;
    public const int EPOLL_CTL_MOD = 3;
    public const short POLLIN = 0x001;
    public const short POLLOUT = 0x004;

    public const int EINTR = 4;
    public const int ESRCH = 3;
    public const int ECHILD = 10;
    public const int EAGAIN = 11;

    public const short POSIX_SPAWN_SETPGROUP = 0x02;
    public const short POSIX_SPAWN_SETSIGDEF = 0x04;
    public const short POSIX_SPAWN_SETSIGMASK = 0x08;
    public const short POSIX_SPAWN_SETSID = 0x80;

    public const int P_ALL = 0;
    public const int P_PID = 1;
    public const int WNOHANG = 1;
    public const int WEXITED = 4;
    public const int WNOWAIT = 0x01000000;

    /// <summary>Generous sizes: glibc's are 80 (file actions), 336 (attr), 128 (sigset, siginfo).</summary>
    public const int OpaqueSize = 1024;

    [DllImport(Lib, SetLastError = true)]
    public static extern int pipe2(int* fds, int flags);

    [DllImport(Lib, SetLastError = true)]
    public static extern int close(int fd);

    [DllImport(Lib, SetLastError = true)]
    public static extern int fcntl(int fd, int cmd, int arg);

    [DllImport(Lib, SetLastError = true)]
    public static extern nint read(int fd, byte* buffer, nint count);

    [DllImport(Lib, SetLastError = true)]
    public static extern nint write(int fd, byte* buffer, nint count);

    [DllImport(Lib, SetLastError = true)]
    public static extern int poll(PollFd* fds, nuint count, int timeoutMs);

    [DllImport(Lib, SetLastError = true)]
    public static extern int epoll_create1(int flags);

    [DllImport(Lib, SetLastError = true)]
    public static extern int epoll_ctl(int epfd, int op, int fd, byte* ev);

    [DllImport(Lib, SetLastError = true)]
    public static extern int epoll_wait(int epfd, byte* events, int maxEvents, int timeoutMs);

    [DllImport(Lib, SetLastError = true)]
    public static extern int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [DllImport(Lib, SetLastError = true)]
    public static extern int kill(int pid, int signal);

    [DllImport(Lib, SetLastError = true)]
    public static extern int waitpid(int pid, int* status, int options);

    [DllImport(Lib, SetLastError = true)]
    public static extern int waitid(int idType, int id, void* info, int options);

    [DllImport(Lib)]
    public static extern int posix_spawn(int* pid, byte* path, void* fileActions, void* attr, nint* argv, nint* envp);

    [DllImport(Lib)]
    public static extern int posix_spawn_file_actions_init(void* fileActions);

    [DllImport(Lib)]
    public static extern int posix_spawn_file_actions_destroy(void* fileActions);

    [DllImport(Lib)]
    public static extern int posix_spawn_file_actions_adddup2(void* fileActions, int fd, int newFd);

    [DllImport(Lib)]
    public static extern int posix_spawn_file_actions_addopen(void* fileActions, int fd, byte* path, int flags, uint mode);

    [DllImport(Lib)]
    public static extern int posix_spawn_file_actions_addchdir_np(void* fileActions, byte* path);

    [DllImport(Lib)]
    public static extern int posix_spawn_file_actions_addclose(void* fileActions, int fd);

    [DllImport(Lib)]
    public static extern int posix_spawn_file_actions_addclosefrom_np(void* fileActions, int lowFd);

    [DllImport(Lib)]
    public static extern int posix_spawnattr_init(void* attr);

    [DllImport(Lib)]
    public static extern int posix_spawnattr_destroy(void* attr);

    [DllImport(Lib)]
    public static extern int posix_spawnattr_setflags(void* attr, short flags);

    [DllImport(Lib)]
    public static extern int posix_spawnattr_setpgroup(void* attr, int pgroup);

    [DllImport(Lib)]
    public static extern int posix_spawnattr_setsigdefault(void* attr, void* sigset);

    [DllImport(Lib)]
    public static extern int posix_spawnattr_setsigmask(void* attr, void* sigset);

    [DllImport(Lib)]
    public static extern int sigemptyset(void* set);

    [DllImport(Lib)]
    public static extern int sigfillset(void* set);

    /// <summary>struct pollfd (the same layout on every Linux architecture).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    /// <summary>Throws when a libc call that returns -1/errno failed.</summary>
    public static void Check(int result, string what)
    {
        if (result < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"{what} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }
    }

    /// <summary>Throws when a posix_spawn* call returned an error number.</summary>
    public static void CheckReturn(int errno, string what)
    {
        if (errno != 0)
        {
            throw new IOException($"{what} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }
    }
}
