using System.Reflection;
using Fathom.Archive;
using Fathom.Core.Configuration;
using Fathom.Core.Storage;

namespace Fathom.PostgresBench;

/// <summary>Opens Fathom's writers through the catalog, from the lines of an &lt;archive&gt; block, as fathomd does.</summary>
internal static class Backends
{
    public static (ArchiveCatalog Catalog, ArchiveOptions Options) Sqlite(string path) =>
        Read(new SqliteArchiveBackend(), $"    path {path}\n");

    /// <summary>The postgresql backend as agent <paramref name="host"/>; it is looked up by type so this tool builds before that backend exists.</summary>
    public static (ArchiveCatalog Catalog, ArchiveOptions Options) Postgres(string connection, string host) =>
        Read(PostgresBackend.Value, $"    connection \"{connection}\"\n    host {host}\n");

    private static readonly Lazy<IArchiveBackend> PostgresBackend = new(FindPostgres);

    private static IArchiveBackend FindPostgres()
    {
        Assembly assembly;
        try
        {
            assembly = Assembly.Load("Fathom.Archive.Postgres");
        }
        catch (FileNotFoundException)
        {
            throw new InvalidOperationException("Fathom.Archive.Postgres is not built in: this branch has no PostgreSQL backend yet");
        }

        var type = assembly.GetTypes().Single(t => typeof(IArchiveBackend).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null);
        return (IArchiveBackend)Activator.CreateInstance(type)!;
    }

    private static (ArchiveCatalog, ArchiveOptions) Read(IArchiveBackend backend, string keys)
    {
        var catalog = new ArchiveCatalog(backend.Type).Add(backend);
        const string File = "bench.conf";
        var root = ConfigGeneralParser.ParseText($"<archive>\n    type {backend.Type}\n{keys}</archive>\n", File);
        var errors = new List<ConfigException>();
        var options = catalog.SectionReader.Read(root.TryGet(ArchiveCatalog.Block, out var block) ? block : null, new ConfigSectionContext(File, errors, []));
        if (errors.Count > 0 || options is not ArchiveOptions archive)
        {
            throw new InvalidOperationException(string.Join("\n", errors.Select(e => e.Message)));
        }

        return (catalog, archive);
    }
}
