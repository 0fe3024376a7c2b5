using Fathom.Core.Configuration;
using Fathom.Core.Storage;
using Fathom.Core.Storage.Delivery;

namespace Fathom.Daemon.Hosting;

/// <summary>The archives' own checks, run before --check says OK and before start-up; their errors name file:line.</summary>
internal static class ArchiveValidation
{
    /// <summary>Throws <see cref="ConfigErrors"/> when an archive cannot be used.</summary>
    public static void ThrowIfUnusable(ArchiveCatalog catalog, ArchiveOptions archive) => ThrowIfUnusable(catalog, [archive]);

    /// <summary>Throws <see cref="ConfigErrors"/> naming every problem of every target.</summary>
    public static void ThrowIfUnusable(ArchiveCatalog catalog, ArchiveTargets targets) =>
        ThrowIfUnusable(catalog, [.. targets.Select(t => t.Backend)]);

    private static void ThrowIfUnusable(ArchiveCatalog catalog, IReadOnlyList<ArchiveOptions> archives)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var problems = archives.SelectMany(catalog.Check).ToList();
        if (problems.Count > 0)
        {
            throw new ConfigErrors(problems);
        }
    }
}
