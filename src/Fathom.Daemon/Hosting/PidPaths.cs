using System.Globalization;
using Fathom.Core.Native;
using Fathom.Daemon.Native;

namespace Fathom.Daemon.Hosting;

/// <summary>Where the pid file goes: flags, then the config file, then the default for the user.</summary>
internal static class PidPaths
{
    public static string Resolve(string? flagDir, string? flagName, string? configDir, string? configName)
    {
        var dir = flagDir ?? configDir ?? DefaultDirectory();
        var name = flagName ?? configName ?? "fathom.pid";
        return Path.GetFullPath(Path.IsPathRooted(name) ? name : Path.Combine(dir, name));
    }

    /// <summary>/run/fathom as root, else $XDG_RUNTIME_DIR/fathom or /tmp/fathom-UID.</summary>
    public static string DefaultDirectory()
    {
        var uid = Libc.geteuid();
        if (uid == 0)
        {
            return "/run/fathom";
        }

        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        return !string.IsNullOrEmpty(runtime)
            ? Path.Combine(runtime, "fathom")
            : $"/tmp/fathom-{uid.ToString(CultureInfo.InvariantCulture)}";
    }
}
