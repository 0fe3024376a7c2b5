using Fathom.Api.Configuration;
using Fathom.Api.Hosting;
using Fathom.Daemon.Hosting;

namespace Fathom.Daemon.Parts;

/// <summary>
/// The HTTP API (Kestrel) when the config has an &lt;api&gt; block: reads the archive through its
/// read port and the supervisor's snapshot; a listen it cannot bind stops the start (exit 1).
/// </summary>
internal sealed class ApiPart(DaemonRun run, PipelinePart pipeline, SupervisorPart supervisor) : IDaemonPart
{
    private readonly ApiSettings _settings = run.Settings.Section<ApiSettings>(ApiSectionReader.Name) ?? ApiSettings.Off;
    private ApiServer? _server;

    public string Name => "api";

    public string? Status => _server is null ? null : $"api on {string.Join(", ", _server.Addresses)}";

    /// <summary>Where the API listens once started (port 0 resolved); empty when off.</summary>
    public IReadOnlyList<string> Addresses => _server?.Addresses ?? [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_settings.Enabled)
        {
            return;
        }

        var options = DaemonArchives.Of(run.Settings);
        var sources = new ApiSources
        {
            Daemon = new DaemonApi(run, pipeline, supervisor, run.Settings.ConfigFile),
            OpenReader = () => DaemonArchives.Catalog.OpenReader(options),
            Time = run.Time,
        };
        try
        {
            _server = await ApiServer.StartAsync(_settings, sources, run.Loggers, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new DaemonPartException(Cli.ExitCodes.Failure, $"cannot listen on {string.Join(", ", _settings.Listen)}: {e.Message}", e);
        }
    }

    public Task ReloadAsync(LoadedConfig next, CancellationToken cancellationToken)
    {
        var nextSettings = next.Settings.Section<ApiSettings>(ApiSectionReader.Name) ?? ApiSettings.Off;
        if (!nextSettings.SameListeners(_settings) || nextSettings.Token != _settings.Token || nextSettings.MaxPoints != _settings.MaxPoints)
        {
            PartsLog.NeedsRestart(run.Log, "api");
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            _server = null;
            await server.StopAsync(cancellationToken).ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
