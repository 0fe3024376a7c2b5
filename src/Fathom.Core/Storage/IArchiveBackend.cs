using Fathom.Core.Configuration;

namespace Fathom.Core.Storage;

/// <summary>
/// One kind of archive (sqlite, later postgresql), registered in an <see cref="ArchiveCatalog"/>
/// under its <see cref="Type"/>: it reads and validates its own &lt;archive&gt; block, opens
/// writers and readers, and says which files it owns.
/// </summary>
public interface IArchiveBackend
{
    /// <summary>The name <c>type</c> takes in &lt;archive&gt;, lower case, e.g. "sqlite".</summary>
    string Type { get; }

    /// <summary>Where the archive is when nothing names it (the CLI without --archive).</summary>
    string DefaultLocation { get; }

    /// <summary>
    /// Reads <paramref name="block"/> (null: the file has no &lt;archive&gt; block, give the
    /// defaults). Every mistake goes to <see cref="ConfigSectionContext.Errors"/> with file:line;
    /// the <c>type</c> key is the catalog's and is already checked.
    /// </summary>
    ArchiveOptions ReadOptions(ConfigObject? block, ConfigSectionContext context);

    /// <summary>
    /// The options for a location named on a command line (<c>fathom … --archive LOCATION</c>):
    /// for sqlite a file path, with or without a "sqlite:" prefix. Throws <see cref="ArchiveException"/> when it cannot be one.
    /// </summary>
    ArchiveOptions ForLocation(string location);

    /// <summary>What stops these options from being used, each with file:line where known (run by --check and before start); empty when usable.</summary>
    IReadOnlyList<ConfigException> Check(ArchiveOptions options);

    /// <summary>
    /// The files the writer creates or writes (for the privilege drop: given to the service
    /// account as root, then checked as it); their folders must take new files. Empty for a network store.
    /// </summary>
    IReadOnlyList<string> OwnedFiles(ArchiveOptions options);

    /// <summary>Opens the daemon's writer; its errors are start-up errors (<see cref="ArchiveException"/>).</summary>
    IArchiveWriter OpenWriter(ArchiveOptions options, ArchiveOpenContext context);

    /// <summary>Opens a reader; never creates an archive (<see cref="ArchiveException"/> when there is none).</summary>
    IArchiveReader OpenReader(ArchiveOptions options);

    /// <summary>
    /// Opens the archive's small named-value state (see <see cref="IArchiveState"/>), beside a
    /// running writer. The default, for a backend without one, keeps values in memory only.
    /// </summary>
    IArchiveState OpenState(ArchiveOptions options) => new MemoryArchiveState();
}
