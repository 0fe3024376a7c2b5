using System.Runtime.InteropServices;

namespace Fathom.Core.Native;

/// <summary>Resource usage of this process.</summary>
public static unsafe partial class Libc
{
    public const int RUsageSelf = 0;

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int getrusage(int who, out RUsage usage);
}
