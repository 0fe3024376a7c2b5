using Fathom.Core.Configuration;
using Fathom.Core.Storage;

namespace Fathom.Daemon.Hosting;

/// <summary>The archive's own check, run before --check says OK and before start-up; its errors name file:line.</summary>
internal static class ArchiveValidation
{
    /// <summary>Throws <see cref="ConfigErrors"/> when the archive cannot be used.</summary>
    public static void ThrowIfUnusable(ArchiveCatalog catalog, ArchiveOptions archive)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (catalog.Check(archive) is { Count: > 0 } problems)
        {
            throw new ConfigErrors(problems);
        }
    }
}
