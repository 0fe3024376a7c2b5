using Fathom.Core.Configuration;

namespace Fathom.Core.Storage;

/// <summary>
/// The archive backends by <c>type</c>. The daemon, the CLI and (next) the API know only the
/// storage ports and this catalog: it reads &lt;archive&gt; (through <see cref="SectionReader"/>,
/// registered with the loader's sections), resolves command-line locations, and opens writers and
/// readers through the backend that owns the options.
/// </summary>
public sealed class ArchiveCatalog
{
    /// <summary>The block the catalog reads.</summary>
    public const string Block = "archive";

    private readonly Dictionary<string, IArchiveBackend> _backends = new(StringComparer.Ordinal);

    /// <summary>A catalog whose default (no <c>type</c> key, a plain path on a command line) is <paramref name="defaultType"/>.</summary>
    public ArchiveCatalog(string defaultType)
    {
        ArgumentException.ThrowIfNullOrEmpty(defaultType);
        DefaultType = defaultType;
        SectionReader = new ArchiveSectionReader(this);
    }

    /// <summary>The type used when none is named.</summary>
    public string DefaultType { get; }

    /// <summary>The registered types, sorted.</summary>
    public IReadOnlyList<string> Types => [.. _backends.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Reads &lt;archive&gt;: its <c>type</c> picks the backend, which reads the rest.</summary>
    public IConfigSectionReader SectionReader { get; }

    /// <summary>Where the default backend's archive is when nothing names it.</summary>
    public string DefaultLocation => Get(DefaultType).DefaultLocation;

    /// <summary>Registers <paramref name="backend"/> under its type; one backend per type.</summary>
    public ArchiveCatalog Add(IArchiveBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentException.ThrowIfNullOrEmpty(backend.Type);
        if (!_backends.TryAdd(backend.Type, backend))
        {
            throw new ArgumentException($"archive type '{backend.Type}' is already registered", nameof(backend));
        }

        return this;
    }

    /// <summary>The backend registered for <paramref name="type"/>, if any.</summary>
    public bool TryGet(string type, out IArchiveBackend backend) => _backends.TryGetValue(type, out backend!);

    /// <summary>The backend of <paramref name="type"/>, or an <see cref="ArchiveException"/> naming the known types.</summary>
    public IArchiveBackend Get(string type) =>
        TryGet(type, out var backend) ? backend : throw new ArchiveException(UnknownType(type));

    /// <summary>"archive type 'x' is not supported (known: …)".</summary>
    public string UnknownType(string type) => $"archive type '{type}' is not supported (known: {string.Join(", ", Types)})";

    /// <summary>
    /// The options for a command-line location: "TYPE:…" goes to that type's backend when TYPE is
    /// registered (e.g. "postgresql://…"); anything else, a plain path included, to the default backend.
    /// </summary>
    public ArchiveOptions Resolve(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var colon = location.IndexOf(':', StringComparison.Ordinal);
        var backend = colon > 0 && TryGet(location[..colon], out var named) ? named : Get(DefaultType);
        return backend.ForLocation(location);
    }

    /// <summary>Opens a reader through the backend of <paramref name="options"/>.</summary>
    public IArchiveReader OpenReader(ArchiveOptions options) => Get(Of(options)).OpenReader(options);

    /// <summary>Opens a reader of a command-line location (see <see cref="Resolve"/>).</summary>
    public IArchiveReader OpenReader(string location) => OpenReader(Resolve(location));

    /// <summary>Opens the daemon's writer through the backend of <paramref name="options"/>.</summary>
    public IArchiveWriter OpenWriter(ArchiveOptions options, ArchiveOpenContext context) => Get(Of(options)).OpenWriter(options, context);

    /// <summary>Opens the archive's named-value state through the backend of <paramref name="options"/>.</summary>
    public IArchiveState OpenState(ArchiveOptions options) => Get(Of(options)).OpenState(options);

    /// <summary>What stops <paramref name="options"/> from being used, with file:line; empty when usable.</summary>
    public IReadOnlyList<ConfigException> Check(ArchiveOptions options) => Get(Of(options)).Check(options);

    /// <summary>The files the backend of <paramref name="options"/> owns, for the privilege drop.</summary>
    public IReadOnlyList<string> OwnedFiles(ArchiveOptions options) => Get(Of(options)).OwnedFiles(options);

    private static string Of(ArchiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Type;
    }
}
