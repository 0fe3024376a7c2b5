using Fathom.Core.Configuration;
using Fathom.Core.Storage;
using Fathom.Daemon.Hosting;
using Fathom.Lookup.Configuration;
using Fathom.Lookup.Registration;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Parts;

/// <summary>
/// Registers this daemon with the lookup servers of &lt;lookup&gt; (last part: the API's bound
/// addresses become its locator). The registrar runs on its own tasks and never blocks a start,
/// a reload or collection; its state lives in the archive's state. A clean stop deletes the records.
/// </summary>
internal sealed partial class LookupPart(DaemonRun run, InstrumentsPart instruments, Func<IReadOnlyList<string>> apiAddresses) : IDaemonPart
{
    // The delete of every record at a clean stop gets this long; what is left expires at its ttl.
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger = run.Loggers.CreateLogger("lookup");
    private LookupSettings _settings = Read(run.Settings);
    private IHostFacts? _facts;
    private IArchiveState? _state;
    private HttpClient? _http;
    private Registrar? _registrar;

    public string Name => "lookup";

    public string? Status => _registrar?.Status() is { } s
        ? $"lookup {s.Registered} records at {s.Servers.Count(v => v.Reachable)}/{s.Servers.Count} servers"
        : null;

    /// <summary>The registrar's state; off without a &lt;lookup&gt; block.</summary>
    public LookupStatus Snapshot() => _registrar?.Status() ?? LookupStatus.Off;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_settings.Enabled)
        {
            Start(run.Loaded);
        }

        return Task.CompletedTask;
    }

    public async Task ReloadAsync(LoadedConfig next, CancellationToken cancellationToken)
    {
        var settings = Read(next.Settings);
        if (!settings.Enabled)
        {
            _settings = settings;
            await StopRegistrarAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_registrar is null)
        {
            _settings = settings;
            Start(next);
            return;
        }

        // Changed content is re-registered, removed records deleted, by the registrar's own loops.
        _settings = settings;
        _registrar.Update(LookupServers.Of(settings, _logger), Build(next), Options(settings));
    }

    public Task StopAsync(CancellationToken cancellationToken) => StopRegistrarAsync(cancellationToken);

    private void Start(LoadedConfig loaded)
    {
        _facts ??= HostFacts.Read(_logger);
        _state = OpenState();
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each call is bounded by the client's own timeout
        };
        var metrics = instruments.Registry is { } registry ? new RegistrarMetrics(registry) : null;
        _registrar = new Registrar(Options(_settings), _state, _http, run.Time, _logger, metrics);
        var servers = LookupServers.Of(_settings, _logger);
        _registrar.Update(servers, Build(loaded));
        Log.Started(_logger, servers.Count, _registrar.ClientUuid);
    }

    private async Task StopRegistrarAsync(CancellationToken cancellationToken)
    {
        if (_registrar is { } registrar)
        {
            _registrar = null;
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(StopBudget);
            try
            {
                await registrar.StopAsync(bounded.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Log.StopBounded(_logger);
            }

            await registrar.DisposeAsync().ConfigureAwait(false);
        }

        _state?.Dispose();
        _state = null;
        _http?.Dispose();
        _http = null;
    }

    private IArchiveState OpenState()
    {
        try
        {
            return DaemonArchives.Catalog.OpenState(DaemonArchives.Of(run.Settings));
        }
        catch (ArchiveException e)
        {
            Log.NoState(_logger, e.Message);
            return new MemoryArchiveState();
        }
    }

    private IReadOnlyList<DesiredRecord> Build(LoadedConfig loaded)
    {
        var archive = DaemonArchives.Of(loaded.Settings);
        var inputs = new LookupInputs
        {
            Collectors = [.. loaded.Settings.Collectors.Select(c => new CollectorEntry(c.Id, c.Module, Targets(c)))],
            ArchiveType = archive.Type,
            ArchiveLocation = archive.Target,
            ApiLocators = apiAddresses(),
            Version = typeof(LookupPart).Assembly.GetName().Version?.ToString(3) ?? "",
        };
        return RecordBuilder.Build(_settings, inputs, _facts!);
    }

    private static IReadOnlyList<string> Targets(Fathom.Core.Collectors.CollectorConfig collector) =>
        collector.Settings.TryGetValue("target", out var target) ? [.. target.Values.OfType<string>()] : [];

    private static RegistrarOptions Options(LookupSettings settings) => new() { Ttl = settings.Ttl, CheckInterval = settings.CheckInterval };

    private static LookupSettings Read(DaemonSettings settings) => settings.Section<LookupSettings>(LookupSectionReader.Name) ?? LookupSettings.Off;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1190, EventName = "LookupStarted", Level = LogLevel.Information, Message = "lookup: registering with {Servers} server(s) as client-uuid {ClientUuid}")]
        public static partial void Started(ILogger logger, int servers, string clientUuid);

        [LoggerMessage(EventId = 1191, EventName = "LookupNoState", Level = LogLevel.Warning, Message = "lookup: the archive cannot keep the registration state ({Reason}); a restart registers anew")]
        public static partial void NoState(ILogger logger, string reason);

        [LoggerMessage(EventId = 1192, EventName = "LookupStopBounded", Level = LogLevel.Warning, Message = "lookup: records not deleted within the stop's time expire at their ttl")]
        public static partial void StopBounded(ILogger logger);
    }
}
