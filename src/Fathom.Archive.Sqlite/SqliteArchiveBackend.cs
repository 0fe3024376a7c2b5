using Fathom.Archive.Files;
using Fathom.Core.Configuration;
using Fathom.Core.Storage;

namespace Fathom.Archive;

/// <summary>
/// The embedded SQLite archive (type <c>sqlite</c>, the default): one file, written by one daemon
/// under its lock, read by any number of readers. Register it in an <see cref="ArchiveCatalog"/>.
/// </summary>
public sealed class SqliteArchiveBackend : IArchiveBackend, IArchiveCompaction
{
    /// <summary>The type name, "sqlite".</summary>
    public const string TypeName = "sqlite";

    // Long enough to ride out one batch commit, short enough that a busy daemon gives a prompt answer.
    private static readonly TimeSpan CompactionBusyTimeout = TimeSpan.FromSeconds(2);

    /// <inheritdoc/>
    public string Type => TypeName;

    /// <summary>/var/lib/fathom/archive.db for root, the user's XDG data folder otherwise.</summary>
    public string DefaultLocation => ArchivePaths.Default();

    /// <inheritdoc/>
    public ArchiveOptions ReadOptions(ConfigObject? block, ConfigSectionContext context) => SqliteArchiveSettingsReader.Read(block, context);

    /// <inheritdoc/>
    public ArchiveOptions ForLocation(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var path = location.StartsWith(TypeName + ":", StringComparison.Ordinal) ? location[(TypeName.Length + 1)..] : location;
        return path.Length == 0
            ? throw new ArchiveException("the archive file name is empty")
            : new SqliteArchiveSettings(System.IO.Path.GetFullPath(path));
    }

    /// <inheritdoc/>
    public IReadOnlyList<ConfigException> Check(ArchiveOptions options)
    {
        var settings = Settings(options);
        return ArchivePathCheck.Problem(settings.FilePath) is { } problem
            ? [settings.PathLocation is { } at ? new ConfigException(at, problem) : new ConfigException(problem)]
            : [];
    }

    /// <summary>The file, SQLite's -wal/-shm/-journal beside it, and the writer's lock file.</summary>
    public IReadOnlyList<string> OwnedFiles(ArchiveOptions options)
    {
        var path = Settings(options).FilePath;
        return [path, path + "-wal", path + "-shm", path + "-journal", ArchiveLock.PathFor(path)];
    }

    /// <summary>A writer that reopens the file when it is deleted or replaced under it (<see cref="WatchedArchive"/>).</summary>
    public IArchiveWriter OpenWriter(ArchiveOptions options, ArchiveOpenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = Settings(options);
        var path = settings.FilePath;
        return new WatchedArchive(() => new SqliteArchive(path, context.Logger, settings.Retention, context.Time), context.Logger);
    }

    /// <inheritdoc/>
    public IArchiveReader OpenReader(ArchiveOptions options) => ArchiveReader.Open(Settings(options).FilePath);

    /// <summary>A <c>state</c> table in the archive file, on its own connection beside the writer.</summary>
    public IArchiveState OpenState(ArchiveOptions options) => SqliteArchiveState.Open(Settings(options).FilePath);

    /// <inheritdoc/>
    public (long Before, long After) Compact(ArchiveOptions options) => ArchiveCompaction.Run(Settings(options).FilePath, CompactionBusyTimeout);

    private static SqliteArchiveSettings Settings(ArchiveOptions options) =>
        options as SqliteArchiveSettings ?? throw new ArgumentException($"not sqlite options: {options?.Type}", nameof(options));
}
