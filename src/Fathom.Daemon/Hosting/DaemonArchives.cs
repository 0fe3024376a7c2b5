using Fathom.Archive;
using Fathom.Archive.Postgres;
using Fathom.Core.Configuration;
using Fathom.Core.Storage;
using Fathom.Core.Storage.Delivery;

namespace Fathom.Daemon.Hosting;

/// <summary>
/// The archive backends fathomd knows, by type: the one place a backend is registered. The
/// loader reads &lt;archive&gt; through this catalog and the daemon opens its writers through it.
/// </summary>
internal static class DaemonArchives
{
    public static ArchiveCatalog Catalog { get; } = new ArchiveCatalog(SqliteArchiveBackend.TypeName)
        .Add(new SqliteArchiveBackend())
        .Add(new PostgresArchiveBackend())
        .Add(PostgresArchiveBackend.Alias());

    /// <summary>The first archive target's options: what the API, the lookup state and --check's first line read.</summary>
    public static ArchiveOptions Of(DaemonSettings settings) =>
        settings.Archive ?? throw new InvalidOperationException("no <archive> reader is registered");

    /// <summary>Every archive target, in file order.</summary>
    public static ArchiveTargets Targets(DaemonSettings settings) =>
        settings.Archives ?? throw new InvalidOperationException("no <archive> reader is registered");
}
