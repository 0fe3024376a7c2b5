using System.Runtime.InteropServices;

namespace Fathom.Core.Native;

/// <summary>Sending signals and building signal sets.</summary>
public static unsafe partial class Libc
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int kill(int pid, int signal);

    /// <summary>The default disposition, for <see cref="signal"/>.</summary>
    public static readonly nint SigDfl = 0;

    /// <summary>The ignore disposition, for <see cref="signal"/>.</summary>
    public static readonly nint SigIgn = 1;

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint signal(int signal, nint handler);

    [LibraryImport(Lib)]
    public static partial int sigemptyset(void* set);

    [LibraryImport(Lib)]
    public static partial int sigfillset(void* set);
}
