using System.Runtime.InteropServices;

namespace Fathom.Archive;

/// <summary>Where the archive lives by default: system-wide for root, per user (XDG) otherwise.</summary>
internal static class ArchivePaths
{
    public const string SystemPath = "/var/lib/fathom/archive.db";

    public static string Default() => Default(Fathom.Core.Native.Libc.geteuid() == 0, Environment.GetEnvironmentVariable);

    /// <summary>The default for a given identity and environment; split out so tests need not be root.</summary>
    public static string Default(bool isRoot, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (isRoot)
        {
            return SystemPath;
        }

        // The XDG spec says relative values are invalid and must be ignored.
        var dataHome = environment("XDG_DATA_HOME");
        if (!string.IsNullOrEmpty(dataHome) && Path.IsPathRooted(dataHome))
        {
            return Path.Combine(dataHome, "fathom", "archive.db");
        }

        var home = environment("HOME");
        if (string.IsNullOrEmpty(home))
        {
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }

        return Path.Combine(home, ".local", "share", "fathom", "archive.db");
    }
}
