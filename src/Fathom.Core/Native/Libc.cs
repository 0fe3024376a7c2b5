using System.Runtime.InteropServices;

namespace Fathom.Core.Native;

/// <summary>
/// Every libc call Fathom makes, bound once, with source-generated marshalling (64-bit Linux,
/// x86-64 and arm64 constants and layouts). One partial file per area: files, processes,
/// signals, sockets and polling, time, resource usage. Calls whose errno is read are bound with
/// SetLastError; read it with <see cref="Marshal.GetLastPInvokeError"/>.
/// </summary>
public static unsafe partial class Libc
{
    private const string Lib = "libc";

    /// <summary>The text of an errno value ("Network is unreachable").</summary>
    public static string ErrorText(int errno) => Marshal.PtrToStringUTF8((nint)strerror(errno)) ?? $"errno {errno}";

    /// <summary>The last P/Invoke's errno as text.</summary>
    public static string LastErrorText() => ErrorText(Marshal.GetLastPInvokeError());

    /// <summary>Throws when a libc call that returns -1/errno failed.</summary>
    public static void Check(int result, string what)
    {
        if (result < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"{what} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }
    }

    /// <summary>Throws when a call that returns an error number (posix_spawn*) failed.</summary>
    public static void CheckReturn(int errno, string what)
    {
        if (errno != 0)
        {
            throw new IOException($"{what} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }
    }

    /// <summary>strerror(3).</summary>
    [LibraryImport(Lib)]
    public static partial byte* strerror(int errnum);
}
