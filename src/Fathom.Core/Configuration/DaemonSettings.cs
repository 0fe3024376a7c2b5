using Fathom.Core.Collectors;

namespace Fathom.Core.Configuration;

/// <summary>A loaded, validated configuration: the daemon's own keys and its collectors.</summary>
public sealed class DaemonSettings
{
    public required string ConfigFile { get; init; }

    public required IReadOnlyList<CollectorConfig> Collectors { get; init; }

    public TimeSpan CollectionInterval { get; init; } = TimeSpan.FromSeconds(15);

    public string? PidDir { get; init; }

    public string? PidFile { get; init; }

    public string? User { get; init; }

    public string? Group { get; init; }

    /// <summary>How long children get between SIGTERM and SIGKILL at stop; default 10 s.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// What each registered section reader made of its block (its defaults when the block is
    /// absent), by block name: &lt;archive&gt; under "archive", and so on.
    /// </summary>
    public IReadOnlyDictionary<string, object> Sections { get; init; } = new Dictionary<string, object>(StringComparer.Ordinal);

    /// <summary>The settings of section <paramref name="block"/>; null when no reader is registered for it.</summary>
    public T? Section<T>(string block)
        where T : class => Sections.TryGetValue(block, out var value) ? (T)value : null;

    /// <summary>Things worth a warning that do not stop the daemon (e.g. a missing interval).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
