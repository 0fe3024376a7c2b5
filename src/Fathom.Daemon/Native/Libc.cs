using System.Runtime.InteropServices;

namespace Fathom.Daemon.Native;

/// <summary>The few libc calls the daemon needs that .NET does not expose.</summary>
internal static class Libc
{
    public const int PrSetPdeathsig = 1;
    public const int PrSetName = 15;
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int Esrch = 3;
    public const int Eperm = 1;

    [DllImport("libc", SetLastError = true)]
    public static extern int prctl(int option, nint arg2, nint arg3, nint arg4, nint arg5);

    [DllImport("libc")]
    public static extern int getppid();

    [DllImport("libc")]
    public static extern uint geteuid();

    [DllImport("libc", SetLastError = true)]
    public static extern int kill(int pid, int sig);

    [DllImport("libc", SetLastError = true)]
    public static extern int setuid(uint uid);

    [DllImport("libc", SetLastError = true)]
    public static extern int setgid(uint gid);

    [DllImport("libc", SetLastError = true)]
    public static extern int initgroups([MarshalAs(UnmanagedType.LPUTF8Str)] string user, uint group);

    [DllImport("libc", SetLastError = true)]
    public static extern int chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);

    [DllImport("libc", SetLastError = true)]
    public static extern IntPtr getpwnam([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport("libc", SetLastError = true)]
    public static extern IntPtr getgrnam([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport("libc", SetLastError = true)]
    public static extern IntPtr strerror(int errnum);

    /// <summary>True when a process with this pid exists (EPERM still means it exists).</summary>
    public static bool ProcessExists(int pid) =>
        pid > 0 && (kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == Eperm);

    public static string ErrorText(int errno) => Marshal.PtrToStringUTF8(strerror(errno)) ?? $"errno {errno}";

    /// <summary>Sets the short process name shown by ps -o comm and top (15 bytes at most).</summary>
    public static void SetProcessName(string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(name.Length > 15 ? name[..15] : name);
        var buffer = Marshal.AllocHGlobal(bytes.Length + 1);
        try
        {
            Marshal.Copy(bytes, 0, buffer, bytes.Length);
            Marshal.WriteByte(buffer, bytes.Length, 0);
            _ = prctl(PrSetName, buffer, 0, 0, 0);
        }
        finally
        {
            Marshal.FreeHGlobal(buffer);
        }
    }
}
