using Fathom.Api.Configuration;

namespace Fathom.Api.Hosting;

/// <summary>What every endpoint handler reads: the settings, the daemon, the archive readers.</summary>
internal sealed class ApiContext(ApiSettings settings, ApiSources sources, ReaderPool readers)
{
    public ApiSettings Settings { get; } = settings;

    public ApiSources Sources { get; } = sources;

    public IApiDaemon Daemon => Sources.Daemon;

    public ReaderPool Readers { get; } = readers;

    public TimeProvider Time => Sources.Time;
}
