using System.Runtime.InteropServices;
using Fathom.Core.Native;

namespace Fathom.Daemon.Native;

/// <summary>Resolves user and group names (or numeric ids) through the system's NSS (getpwnam/getgrnam).</summary>
internal static class UserLookup
{
    // struct passwd { char *pw_name; char *pw_passwd; uid_t pw_uid; gid_t pw_gid; ... } on x86_64/arm64 glibc.
    public static (uint Uid, uint Gid)? User(string name)
    {
        var p = Libc.getpwnam(name);
        if (p != IntPtr.Zero)
        {
            return ((uint)Marshal.ReadInt32(p, 16), (uint)Marshal.ReadInt32(p, 20));
        }

        return uint.TryParse(name, out var uid) ? (uid, uint.MaxValue) : null;
    }

    // struct group { char *gr_name; char *gr_passwd; gid_t gr_gid; char **gr_mem; }
    public static uint? Group(string name)
    {
        var g = Libc.getgrnam(name);
        if (g != IntPtr.Zero)
        {
            return (uint)Marshal.ReadInt32(g, 16);
        }

        return uint.TryParse(name, out var gid) ? gid : null;
    }
}
