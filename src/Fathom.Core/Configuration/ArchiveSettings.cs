namespace Fathom.Core.Configuration;

/// <summary>The &lt;archive&gt; block: where measurements are kept.</summary>
public sealed record ArchiveSettings(string Type, string? Path, ConfigLocation? Location)
{
    /// <summary>Every key of the block, for archive types that take more than a path.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>Where <c>path</c> is set, for messages about the path itself; null when it is not set.</summary>
    public ConfigLocation? PathLocation { get; init; }

    /// <summary>How long each resolution is kept.</summary>
    public RetentionSettings Retention { get; init; } = RetentionSettings.Forever;
}
