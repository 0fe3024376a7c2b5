namespace Fathom.Core.Storage;

/// <summary>The daemon's state folder (archive file, spools): system-wide for root, per user (XDG) otherwise.</summary>
public static class StatePaths
{
    /// <summary>The state folder for root.</summary>
    public const string SystemFolder = "/var/lib/fathom";

    /// <summary>The state folder of the user running.</summary>
    public static string Folder() => Folder(Native.Libc.geteuid() == 0, Environment.GetEnvironmentVariable);

    /// <summary>The state folder for a given identity and environment; split out so tests need not be root.</summary>
    public static string Folder(bool isRoot, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (isRoot)
        {
            return SystemFolder;
        }

        // The XDG spec says relative values are invalid and must be ignored.
        var dataHome = environment("XDG_DATA_HOME");
        if (!string.IsNullOrEmpty(dataHome) && Path.IsPathRooted(dataHome))
        {
            return Path.Combine(dataHome, "fathom");
        }

        var home = environment("HOME");
        if (string.IsNullOrEmpty(home))
        {
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }

        return Path.Combine(home, ".local", "share", "fathom");
    }
}
