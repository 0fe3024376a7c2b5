using Fathom.Archive.Retention;
using Fathom.Core.Configuration;
using Fathom.Core.Storage;

namespace Fathom.Archive;

/// <summary>
/// A sqlite &lt;archive&gt; block: the file and how long each resolution is kept. Equal when every
/// key is equal (by value), wherever the block is written: a reload compares the new block with the running one.
/// </summary>
public sealed class SqliteArchiveSettings : ArchiveOptions
{
    /// <summary>Settings for the file at <paramref name="path"/> (null: the default file).</summary>
    public SqliteArchiveSettings(string? path)
        : base(SqliteArchiveBackend.TypeName)
    {
        Path = path;
    }

    /// <summary>The configured file (absolute), or null for the default.</summary>
    public string? Path { get; }

    /// <summary>The file the archive is: <see cref="Path"/>, or the default for the user running.</summary>
    public string FilePath => Path ?? ArchivePaths.Default();

    /// <inheritdoc/>
    public override string Target => System.IO.Path.GetFullPath(FilePath);

    /// <summary>Every key of the block.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>Where <c>path</c> is set, for messages about the path itself; null when it is not set.</summary>
    public ConfigLocation? PathLocation { get; init; }

    /// <summary>How long each resolution is kept.</summary>
    public RetentionSettings Retention { get; init; } = RetentionSettings.Forever;

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, string>> Summary =>
        [new("archive", $"{Type} {FilePath}"), new("retain", RetentionSettingsReader.Describe(Retention))];

    /// <inheritdoc/>
    public override bool Equals(ArchiveOptions? other) =>
        other is SqliteArchiveSettings o
        && Path == o.Path
        && Retention == o.Retention
        && Options.Count == o.Options.Count
        && Options.All(kv => o.Options.TryGetValue(kv.Key, out var value) && value == kv.Value);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, Path, Retention, Options.Count);
}
