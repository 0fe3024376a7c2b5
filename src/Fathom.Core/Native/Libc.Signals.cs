using System.Runtime.InteropServices;

namespace Fathom.Core.Native;

/// <summary>Sending signals and building signal sets.</summary>
public static unsafe partial class Libc
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int kill(int pid, int signal);

    [LibraryImport(Lib)]
    public static partial int sigemptyset(void* set);

    [LibraryImport(Lib)]
    public static partial int sigfillset(void* set);
}
