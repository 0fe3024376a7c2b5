using System.Runtime.InteropServices;

namespace Fathom.Archive;

/// <summary>Where the archive lives by default: system-wide for root, per user (XDG) otherwise.</summary>
internal static class ArchivePaths
{
    public const string SystemPath = "/var/lib/fathom/archive.db";

    public static string Default() => Default(Fathom.Core.Native.Libc.geteuid() == 0, Environment.GetEnvironmentVariable);

    /// <summary>The default for a given identity and environment; split out so tests need not be root.</summary>
    public static string Default(bool isRoot, Func<string, string?> environment) =>
        isRoot ? SystemPath : Path.Combine(Fathom.Core.Storage.StatePaths.Folder(isRoot, environment), "archive.db");
}
