using Fathom.Core.Configuration;
using Fathom.Core.Storage;
using Fathom.Daemon.Hosting;
using Fathom.Lookup.Configuration;
using Fathom.Lookup.Hints;
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
    private LookupServerSelector? _selector;
    private CancellationTokenSource? _selecting;
    private Task _selection = Task.CompletedTask;
    private IReadOnlyList<Uri> _servers = [];
    private IReadOnlyList<DesiredRecord> _records = [];

    public string Name => "lookup";

    // At ready the records are still being registered in the background: the line says so rather than "0 records".
    public string? Status => _registrar?.Status() is not { } s ? null
        : s.Servers.Count == 0 || s.Registered == 0 ? "lookup registering in the background"
        : $"lookup {s.Registered} records at {s.Servers.Count(v => v.Reachable)}/{s.Servers.Count} servers";

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
        await StopSelectionAsync().ConfigureAwait(false);
        _settings = settings;
        StartSelection(next);
    }

    public Task StopAsync(CancellationToken cancellationToken) => StopRegistrarAsync(cancellationToken);

    private void Start(LoadedConfig loaded)
    {
        _state = OpenState();
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each call is bounded by the client's own timeout
        };
        var metrics = instruments.Registry is { } registry ? new RegistrarMetrics(registry) : null;
        _registrar = new Registrar(Options(_settings), _state, _http, run.Time, _logger, metrics);
        _selector = LookupServerSelector.Create(_http, run.Time, _logger);
        _servers = [];
        _records = [];
        Log.Started(_logger, _settings.Urls.Count > 0 ? string.Join(", ", _settings.Urls) : "the hinted server", _registrar.ClientUuid);
        StartSelection(loaded);
    }

    // Off the start and reload path: the host's facts (a name lookup), the records, then which
    // servers: the urls at once, or the hinted server chosen now and again every check_interval.
    private void StartSelection(LoadedConfig loaded)
    {
        var settings = _settings;
        var selector = _selector!;
        var registrar = _registrar!;
        _selecting = new CancellationTokenSource();
        var token = _selecting.Token;
        _selection = Task.Run(() => SelectLoopAsync(loaded, settings, selector, registrar, token), CancellationToken.None);
    }

    private async Task SelectLoopAsync(LoadedConfig loaded, LookupSettings settings, LookupServerSelector selector, Registrar registrar, CancellationToken token)
    {
        _facts ??= HostFacts.Read(_logger);
        _records = Build(loaded, settings);
        registrar.Update(_servers, _records, Options(settings));
        while (!token.IsCancellationRequested)
        {
            try
            {
                var servers = await selector.SelectAsync(settings, token).ConfigureAwait(false);
                if (!servers.SequenceEqual(_servers))
                {
                    _servers = servers;
                    registrar.Update(servers, _records, Options(settings));
                    Log.Servers(_logger, servers.Count == 0 ? "none" : string.Join(", ", servers));
                }

                if (settings.Urls.Count > 0)
                {
                    return; // fixed urls: nothing to choose again
                }

                await Task.Delay(settings.CheckInterval, run.Time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HintsException or HttpRequestException or IOException)
            {
                Log.SelectFailed(_logger, e.Message);
                await Task.Delay(settings.CheckInterval, run.Time, token).ConfigureAwait(false);
            }
        }
    }

    private async Task StopSelectionAsync()
    {
        if (_selecting is { } selecting)
        {
            _selecting = null;
            await selecting.CancelAsync().ConfigureAwait(false);
            try
            {
                await _selection.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or TimeoutException)
            {
                // The loop ends at its next await; nothing it does outlives the registrar's stop.
            }

            selecting.Dispose();
        }
    }

    private async Task StopRegistrarAsync(CancellationToken cancellationToken)
    {
        await StopSelectionAsync().ConfigureAwait(false);
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

    private IReadOnlyList<DesiredRecord> Build(LoadedConfig loaded, LookupSettings settings)
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
        return RecordBuilder.Build(settings, inputs, _facts!);
    }

    private static IReadOnlyList<string> Targets(Fathom.Core.Collectors.CollectorConfig collector) =>
        collector.Settings.TryGetValue("target", out var target) ? [.. target.Values.OfType<string>()] : [];

    private static RegistrarOptions Options(LookupSettings settings) => new() { Ttl = settings.Ttl, CheckInterval = settings.CheckInterval };

    private static LookupSettings Read(DaemonSettings settings) => settings.Section<LookupSettings>(LookupSectionReader.Name) ?? LookupSettings.Off;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1190, EventName = "LookupStarted", Level = LogLevel.Information, Message = "lookup: registering with {Servers} as client-uuid {ClientUuid}")]
        public static partial void Started(ILogger logger, string servers, string clientUuid);

        [LoggerMessage(EventId = 1193, EventName = "LookupServers", Level = LogLevel.Information, Message = "lookup: servers now {Servers}")]
        public static partial void Servers(ILogger logger, string servers);

        [LoggerMessage(EventId = 1194, EventName = "LookupSelectFailed", Level = LogLevel.Warning, Message = "lookup: choosing a server failed ({Reason}); trying again at the next check")]
        public static partial void SelectFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 1191, EventName = "LookupNoState", Level = LogLevel.Warning, Message = "lookup: the archive cannot keep the registration state ({Reason}); a restart registers anew")]
        public static partial void NoState(ILogger logger, string reason);

        [LoggerMessage(EventId = 1192, EventName = "LookupStopBounded", Level = LogLevel.Warning, Message = "lookup: records not deleted within the stop's time expire at their ttl")]
        public static partial void StopBounded(ILogger logger);
    }
}
