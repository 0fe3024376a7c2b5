using System.Runtime.InteropServices;
using Fathom.Core.Native;
using Fathom.Daemon.Native;

namespace Fathom.Daemon.Hosting;

/// <summary>Drops root to --user/--group: supplementary groups, then gid, then uid (the only safe order).</summary>
internal static class Privileges
{
    /// <summary>The ids to drop to; checked before anything is created or handed over.</summary>
    public static (uint Uid, uint Gid) Resolve(string user, string group)
    {
        RequireRootIfAsked(user, group);
        var u = UserLookup.User(user) ?? throw new InvalidOperationException($"unknown user '{user}'");
        var g = UserLookup.Group(group) ?? throw new InvalidOperationException($"unknown group '{group}'");
        return (u.Uid, g);
    }

    /// <summary>
    /// Refuses a drop that cannot happen before anything else is checked as the wrong user (the
    /// archive path, say): a non-root start with --user/--group is a mistake in itself.
    /// </summary>
    public static void RequireRootIfAsked(string? user, string? group)
    {
        if ((user is not null || group is not null) && Libc.geteuid() != 0)
        {
            throw new InvalidOperationException("--user/--group need fathomd to start as root");
        }
    }

    public static void Drop(string user, uint uid, uint gid)
    {
        if (Libc.initgroups(user, gid) != 0 && Libc.initgroups(uid.ToString(System.Globalization.CultureInfo.InvariantCulture), gid) != 0)
        {
            // A numeric user without a passwd entry has no supplementary groups to set: fine.
        }

        if (Libc.setgid(gid) != 0)
        {
            throw new InvalidOperationException($"setgid({gid}) failed: {Libc.ErrorText(Marshal.GetLastPInvokeError())}");
        }

        if (Libc.setuid(uid) != 0)
        {
            throw new InvalidOperationException($"setuid({uid}) failed: {Libc.ErrorText(Marshal.GetLastPInvokeError())}");
        }
    }
}
