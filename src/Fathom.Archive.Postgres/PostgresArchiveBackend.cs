using Fathom.Core.Configuration;
using Fathom.Core.Storage;

namespace Fathom.Archive.Postgres;

/// <summary>
/// The central PostgreSQL archive (type <c>postgresql</c>): many agents write to one database,
/// each as its <c>host</c>; readers see every host. Register it in an <see cref="ArchiveCatalog"/>;
/// on a command line it is <c>postgresql://user@host:port/database</c> (the password from
/// FATHOM_ARCHIVE_PASSWORD or PGPASSWORD).
/// </summary>
public sealed class PostgresArchiveBackend : IArchiveBackend
{
    /// <summary>The type name, "postgresql".</summary>
    public const string TypeName = "postgresql";

    /// <summary>The backend under <see cref="TypeName"/>.</summary>
    public PostgresArchiveBackend()
        : this(TypeName)
    {
    }

    // "postgres" too, so postgres:// locations resolve (libpq takes both).
    private PostgresArchiveBackend(string type) => Type = type;

    /// <summary>A second registration under "postgres", for postgres:// locations and <c>type postgres</c>.</summary>
    public static PostgresArchiveBackend Alias() => new("postgres");

    /// <inheritdoc/>
    public string Type { get; }

    /// <summary>postgresql://localhost:5432/fathom: where a central archive is when nothing names one.</summary>
    public string DefaultLocation => "postgresql://localhost:5432/fathom";

    /// <inheritdoc/>
    public ArchiveOptions ReadOptions(ConfigObject? block, ConfigSectionContext context) => PostgresArchiveSettingsReader.Read(block, context);

    /// <summary>postgresql://user@host:port/database or postgres://…; a password in the URL is refused.</summary>
    public ArchiveOptions ForLocation(string location) => PostgresLocation.Parse(location);

    /// <summary>
    /// The settings and the password file only: a server that is down is no reason not to start
    /// (the writer connects on its first write, and a spool in front keeps what comes meanwhile).
    /// </summary>
    public IReadOnlyList<ConfigException> Check(ArchiveOptions options)
    {
        var settings = Settings(options);
        if (settings.PasswordFile is { } file && PostgresPassword.FileProblem(file) is { } problem)
        {
            return [settings.PasswordFileLocation is { } at ? new ConfigException(at, problem) : new ConfigException(problem)];
        }

        return [];
    }

    /// <summary>None: the archive lives on the server.</summary>
    public IReadOnlyList<string> OwnedFiles(ArchiveOptions options) => [];

    /// <inheritdoc/>
    public IArchiveWriter OpenWriter(ArchiveOptions options, ArchiveOpenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PostgresArchive(Settings(options), context.Logger, context.Time);
    }

    /// <inheritdoc/>
    public IArchiveReader OpenReader(ArchiveOptions options) => PostgresArchiveReader.Open(Settings(options));

    /// <summary>The state table, rows of this agent's host.</summary>
    public IArchiveState OpenState(ArchiveOptions options) => new PostgresArchiveState(Settings(options));

    private static PostgresArchiveSettings Settings(ArchiveOptions options) =>
        options as PostgresArchiveSettings ?? throw new ArgumentException($"not postgresql options: {options?.Type}", nameof(options));
}
