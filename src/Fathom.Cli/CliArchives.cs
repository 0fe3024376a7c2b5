using Fathom.Archive;
using Fathom.Archive.Postgres;
using Fathom.Core.Storage;

namespace Fathom.Cli;

/// <summary>The archive backends fathom reads: the one place a backend is registered for the CLI.</summary>
internal static class CliArchives
{
    public static ArchiveCatalog Catalog { get; } = new ArchiveCatalog(SqliteArchiveBackend.TypeName)
        .Add(new SqliteArchiveBackend())
        .Add(new PostgresArchiveBackend())
        .Add(PostgresArchiveBackend.Alias());
}
