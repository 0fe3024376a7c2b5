using System.Globalization;
using System.Runtime.InteropServices;
using Fathom.Core.Native;

namespace Fathom.Daemon.Native;

/// <summary>access(2), owner and mode (statx: one layout on every architecture) and uid/gid names, for the privilege checks.</summary>
internal static class FileAccessCalls
{
    public const int ReadOk = 4;
    public const int WriteOk = 2;
    public const int ExecuteOk = 1;

    private const int AtFdCwd = -100;
    private const int StatxBasicStats = 0x7ff;

    /// <summary>Null when the calling process (its real ids: after setuid those are the service user's) may; else why not.</summary>
    public static string? Denied(string path, int mode) =>
        Libc.access(path, mode) == 0 ? null : Libc.ErrorText(Marshal.GetLastPInvokeError());

    /// <summary>"owner:group, mode 0755" of a path (names where the system knows them), or null when it can't be read.</summary>
    public static string? OwnerAndMode(string path)
    {
        var buffer = new byte[256];
        if (Libc.statx(AtFdCwd, path, 0, StatxBasicStats, buffer) != 0)
        {
            return null;
        }

        var uid = BitConverter.ToUInt32(buffer, 20);
        var gid = BitConverter.ToUInt32(buffer, 24);
        var mode = BitConverter.ToUInt16(buffer, 28) & 0xfff;
        return $"owner {UserName(uid)}:{GroupName(gid)}, mode {Convert.ToString(mode, 8).PadLeft(4, '0')}";
    }

    /// <summary>True when the path is a regular file itself, not a link to one.</summary>
    public static bool IsRegularFile(string path)
    {
        var buffer = new byte[256];
        const int AtSymlinkNoFollow = 0x100;
        return Libc.statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) == 0 && (BitConverter.ToUInt16(buffer, 28) & 0xf000) == 0x8000;
    }

    // struct passwd and struct group both start with the name pointer.
    private static string UserName(uint uid) => Name(Libc.getpwuid(uid)) ?? uid.ToString(CultureInfo.InvariantCulture);

    private static string GroupName(uint gid) => Name(Libc.getgrgid(gid)) ?? gid.ToString(CultureInfo.InvariantCulture);

    private static string? Name(IntPtr entry) => entry == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(entry));
}
