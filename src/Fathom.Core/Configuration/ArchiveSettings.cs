namespace Fathom.Core.Configuration;

/// <summary>
/// The &lt;archive&gt; block: where measurements are kept. Equal when every key is equal (by value), wherever
/// the block is written: a reload compares the new block with the running one.
/// </summary>
public sealed record ArchiveSettings(string Type, string? Path, ConfigLocation? Location)
{
    /// <summary>Every key of the block, for archive types that take more than a path.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>Where <c>path</c> is set, for messages about the path itself; null when it is not set.</summary>
    public ConfigLocation? PathLocation { get; init; }

    /// <summary>How long each resolution is kept.</summary>
    public RetentionSettings Retention { get; init; } = RetentionSettings.Forever;

    public bool Equals(ArchiveSettings? other) =>
        other is not null
        && Type == other.Type
        && Path == other.Path
        && Retention == other.Retention
        && Options.Count == other.Options.Count
        && Options.All(o => other.Options.TryGetValue(o.Key, out var value) && value == o.Value);

    public override int GetHashCode() => HashCode.Combine(Type, Path, Retention, Options.Count);
}
