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

    public ArchiveSettings Archive { get; init; } = new("sqlite", null, null);

    public MmvSettings Mmv { get; init; } = MmvSettings.Default;

    /// <summary>Things worth a warning that do not stop the daemon (e.g. a missing interval).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
