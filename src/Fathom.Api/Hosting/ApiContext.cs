using Fathom.Api.Configuration;
using Fathom.Api.Metrics;

namespace Fathom.Api.Hosting;

/// <summary>What every endpoint handler reads: the settings, the daemon, the archive readers.</summary>
internal sealed class ApiContext(ApiSettings settings, ApiSources sources, ReaderPool readers)
{
    public ApiSettings Settings { get; } = settings;

    public ApiSources Sources { get; } = sources;

    public IApiDaemon Daemon => Sources.Daemon;

    public ReaderPool Readers { get; } = readers;

    public TimeProvider Time => Sources.Time;

    /// <summary>/metrics' renderer (its cached layout lives as long as the server).</summary>
    public MetricsRenderer Metrics { get; } = new(sources.Metrics, sources.Latest);
}
