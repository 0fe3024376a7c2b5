using Fathom.Archive;
using Fathom.Archive.Postgres;
using Fathom.Core.Configuration;
using Fathom.Core.Storage;

namespace Fathom.Daemon.Hosting;

/// <summary>
/// The archive backends fathomd knows, by type: the one place a backend is registered. The
/// loader reads &lt;archive&gt; through this catalog and the daemon opens its writer through it.
/// </summary>
internal static class DaemonArchives
{
    public static ArchiveCatalog Catalog { get; } = new ArchiveCatalog(SqliteArchiveBackend.TypeName)
        .Add(new SqliteArchiveBackend())
        .Add(new PostgresArchiveBackend())
        .Add(PostgresArchiveBackend.Alias());

    /// <summary>The loaded archive options (the catalog's reader always gives them once registered).</summary>
    public static ArchiveOptions Of(DaemonSettings settings) =>
        settings.Archive ?? throw new InvalidOperationException("no <archive> reader is registered");
}
