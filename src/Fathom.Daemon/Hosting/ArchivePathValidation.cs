using Fathom.Archive;
using Fathom.Archive.Files;
using Fathom.Core.Configuration;

namespace Fathom.Daemon.Hosting;

/// <summary>The archive path checked before --check says OK and before start-up, with the file:line of <c>path</c>.</summary>
internal static class ArchivePathValidation
{
    /// <summary>Throws <see cref="ConfigErrors"/> when the archive path cannot be used.</summary>
    public static void ThrowIfUnusable(ArchiveSettings archive)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var path = archive.Path ?? ArchivePaths.Default();
        if (ArchivePathCheck.Problem(path) is not { } problem)
        {
            return;
        }

        throw new ConfigErrors([archive.PathLocation is { } at ? new ConfigException(at, problem) : new ConfigException(problem)]);
    }
}
