using Fathom.Api.Client.Wire;
using Fathom.Api.Configuration;
using Fathom.Api.Hosting;
using Fathom.Core.Pipeline;
using Fathom.Core.Storage;
using Fathom.Daemon.Hosting;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Parts;

/// <summary>
/// The HTTP API (Kestrel) when the config has an &lt;api&gt; block: reads the archive through its
/// read port and the supervisor's snapshot; a listen it cannot bind stops the start (exit 1).
/// </summary>
internal sealed partial class ApiPart(DaemonRun run, PipelinePart pipeline, SupervisorPart supervisor, InstrumentsPart? instruments = null, LatestValues? latest = null, Func<LookupStatusDto>? lookup = null, ArchivePart? archive = null) : IDaemonPart
{
    private readonly ApiSettings _settings = Settings(run);
    private ApiServer? _server;
    private Task _seeding = Task.CompletedTask;

    public string Name => "api";

    public string? Status => _server is null ? null : $"api on {string.Join(", ", _server.Addresses)}";

    /// <summary>Where the API listens once started (port 0 resolved); empty when off.</summary>
    public IReadOnlyList<string> Addresses => _server?.Addresses ?? [];

    /// <summary>The &lt;api&gt; block as loaded (off without one).</summary>
    public static ApiSettings Settings(DaemonRun run) => run.Settings.Section<ApiSettings>(ApiSectionReader.Name) ?? ApiSettings.Off;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_settings.Enabled)
        {
            return;
        }

        var options = DaemonArchives.Of(run.Settings);
        if (latest is not null)
        {
            // In the background: reading 10,000 series' newest points took 1.1 s (loaded machine),
            // which readiness need not wait for; seeding never replaces a newer committed point.
            _seeding = Task.Run(() => Seed(latest, options), CancellationToken.None);
        }

        var sources = new ApiSources
        {
            Daemon = new DaemonApi(run, pipeline, supervisor, run.Settings.ConfigFile, archive),
            OpenReader = () => DaemonArchives.Catalog.OpenReader(options),
            Time = run.Time,
            Metrics = instruments?.Registry,
            Latest = latest,
            Lookup = lookup,
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
        await _seeding.ConfigureAwait(false); // a reader of the archive must be closed before the archive part stops
        if (_server is { } server)
        {
            _server = null;
            await server.StopAsync(cancellationToken).ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    // A restart still exposes every series' last value: the archive's newest points, for the series
    // the pipeline has not committed a newer one of yet (it is running). Never throws: it runs unobserved.
    private void Seed(LatestValues values, ArchiveOptions options)
    {
        var start = run.Time.GetTimestamp();
        try
        {
            using var reader = DaemonArchives.Catalog.OpenReader(options);
            values.Seed(reader.Last("*", []));
            Log.Seeded(run.Log, values.Count, run.Time.GetElapsedTime(start).TotalMilliseconds);
        }
        catch (Exception e) when (e is ArchiveException or IOException or InvalidOperationException)
        {
            Log.SeedFailed(run.Log, e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 910, EventName = "MetricsSeeded", Level = LogLevel.Information, Message = "/metrics: {Count} series' latest values read from the archive in {Ms:0} ms")]
        public static partial void Seeded(ILogger logger, int count, double ms);

        [LoggerMessage(EventId = 911, EventName = "MetricsSeedFailed", Level = LogLevel.Warning, Message = "/metrics: cannot read the archive's latest values ({Reason}); series show from their next committed point")]
        public static partial void SeedFailed(ILogger logger, string reason);
    }
}
