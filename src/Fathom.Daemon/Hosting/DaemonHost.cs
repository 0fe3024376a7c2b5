using System.Runtime.InteropServices;
using System.Threading.Channels;
using Fathom.Core.Collectors;
using Fathom.Core.Configuration;
using Fathom.Core.Pipeline;
using Fathom.Core.Scheduling;
using Fathom.Core.Storage;
using Fathom.Daemon.Cli;
using Fathom.Daemon.Instrumentation;
using Fathom.Daemon.Logging;
using Fathom.Daemon.Supervision;
using Fathom.Pcp.Mmv;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Hosting;

/// <summary>
/// The running daemon: pid file, archive, pipeline, collectors, signals. Stops on SIGINT/SIGTERM
/// after flushing everything collected; reloads on SIGHUP, keeping the running configuration
/// when the new one is invalid.
/// </summary>
internal sealed partial class DaemonHost(DaemonOptions options, string configFile, IReadyReporter ready, bool detached)
{
    private readonly TimeProvider _time = PreciseTimeProvider.Shared;
    private readonly Channel<PosixSignal> _signals = Channel.CreateUnbounded<PosixSignal>();
    private ILoggerFactory? _loggers;
    private ILogger _log = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>Collector run-start lateness; "steady" leaves out the first 10 s.</summary>
    public SchedulerLateness Lateness { get; } = new(PreciseTimeProvider.Shared, TimeSpan.FromSeconds(10));

    public async Task<int> RunAsync(LoadedConfig loaded)
    {
        try
        {
            _loggers = LoggingSetup.Create(options, detached, _time);
        }
        catch (ConfigException e)
        {
            ready.Failed(ExitCodes.Usage, e.Message);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ready.Failed(ExitCodes.Usage, $"cannot open the log output: {e.Message}");
            return ExitCodes.Usage;
        }

        using var loggers = _loggers;
        _log = loggers.CreateLogger("daemon");
        foreach (var w in loaded.Settings.Warnings)
        {
            Log.ConfigWarning(_log, w);
        }

        return await RunWithLoggingAsync(loaded).ConfigureAwait(false);
    }

    private async Task<int> RunWithLoggingAsync(LoadedConfig loaded)
    {
        var settings = loaded.Settings;
        PidFile? pid = null;
        if (!options.IgnorePid)
        {
            try
            {
                pid = PidFile.Acquire(PidPaths.Resolve(options.PidDir, options.PidFile, settings.PidDir, settings.PidFile));
            }
            catch (PidFileException e)
            {
                Dispose(loaded.Collectors);
                ready.Failed(e.AlreadyRunning ? ExitCodes.AlreadyRunning : ExitCodes.Failure, e.Message);
                return e.AlreadyRunning ? ExitCodes.AlreadyRunning : ExitCodes.Failure;
            }
        }

        using var pidFile = pid;
        var archives = DaemonArchives.Catalog;
        var archiveOptions = DaemonArchives.Of(settings);
        IArchiveWriter archive;
        try
        {
            DropPrivilegesIfAsked(settings, pid, archives.OwnedFiles(archiveOptions));
            archive = archives.OpenWriter(archiveOptions, new ArchiveOpenContext(_loggers!.CreateLogger("archive"), _time));
        }
        catch (ArchiveInUseException e)
        {
            // Another daemon writes this archive: the same answer as a second start on one pid file.
            Dispose(loaded.Collectors);
            ready.Failed(ExitCodes.AlreadyRunning, e.Message);
            return ExitCodes.AlreadyRunning;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Any start-up failure is one message and exit 1, never a stack trace.
            Dispose(loaded.Collectors);
            ready.Failed(ExitCodes.Failure, e is InvalidOperationException or IOException or UnauthorizedAccessException or ArchiveException ? e.Message : $"{e.GetType().Name}: {e.Message}");
            return ExitCodes.Failure;
        }

        using (archive)
        {
            var pipeline = new MeasurementPipeline(archive, _loggers!.CreateLogger("pipeline"), _time);
            var supervisor = new Supervisor(p => MakeWorker(p, pipeline), _log);
            using var instruments = new Instruments(settings.Mmv, pipeline, Lateness, _time, _loggers!.CreateLogger("instrumentation"));
            using var notifier = new SystemdNotifier(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
            DescendantStopper.Adopt(_log);
            supervisor.Start(loaded.Collectors);
            instruments.Start(supervisor);
            var status = $"{loaded.Collectors.Count} collector(s) running; archive {archive.Description}";
            Log.Ready(_log, Environment.ProcessId, configFile, status);
            notifier.Ready(status);
            ready.Ready();

            await WaitForStopAsync(supervisor, notifier, settings, instruments).ConfigureAwait(false);

            notifier.Stopping();
            Log.Stopping(_log);
            await supervisor.StopAllAsync(settings.ShutdownTimeout).ConfigureAwait(false);
            await DescendantStopper.StopAllAsync(settings.ShutdownTimeout, _time, _log).ConfigureAwait(false);
            await pipeline.CompleteAsync().ConfigureAwait(false);
            LogLateness("since start", Lateness.All);
            LogLateness("steady state (after the first 10 s)", Lateness.Steady);
            var stats = pipeline.Stats;
            if (stats.Dropped + stats.Lost > 0)
            {
                // A stop that lost data says how much and fails, so systemd and scripts see it.
                Log.StoppedWithLoss(_log, stats.Written, stats.Dropped, stats.Lost);
                return ExitCodes.Failure;
            }

            Log.Stopped(_log, stats.Written, stats.Dropped);
        }

        return ExitCodes.Ok;
    }

    private async Task WaitForStopAsync(Supervisor supervisor, SystemdNotifier notifier, DaemonSettings settings, Instruments instruments)
    {
        await foreach (var signal in _signals.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (signal != PosixSignal.SIGHUP)
            {
                Log.SignalStop(_log, signal.ToString());
                return;
            }

            notifier.Reloading(_time.GetTimestamp() * 1_000_000 / _time.TimestampFrequency);
            await ReloadAsync(supervisor, settings).ConfigureAwait(false);
            instruments.CollectorsChanged(supervisor);
            notifier.Ready($"{supervisor.Workers.Count} collector(s) running");
        }
    }

    private async Task ReloadAsync(Supervisor supervisor, DaemonSettings current)
    {
        Log.Reloading(_log, configFile);
        LoadedConfig next;
        try
        {
            next = ConfigLoading.Load(configFile);
        }
        catch (ConfigErrors e)
        {
            foreach (var error in e.Errors)
            {
                Log.ReloadError(_log, error.Message);
            }

            Log.ReloadRejected(_log, e.Errors.Count);
            return;
        }

        foreach (var w in next.Settings.Warnings)
        {
            Log.ConfigWarning(_log, w);
        }

        if (next.Settings.Archive != current.Archive)
        {
            Log.NeedsRestart(_log, "archive");
        }

        if (next.Settings.Mmv != current.Mmv)
        {
            Log.NeedsRestart(_log, "mmv");
        }

        var (kept, restarted, stopped, started) = await supervisor.ApplyAsync(next.Collectors, next.Settings.ShutdownTimeout).ConfigureAwait(false);
        Log.Reloaded(_log, kept, restarted, stopped, started);
    }

    private void LogLateness(string span, LatencyHistogram h)
    {
        if (h.Count > 0)
        {
            Log.Lateness(_log, span, h.Count, h.Quantile(0.5) / 1000, h.Quantile(0.99) / 1000, h.MaxMicroseconds / 1000);
        }
    }

    private ICollectorWorker MakeWorker(PreparedCollector p, MeasurementPipeline pipeline)
    {
        var logger = _loggers!.CreateLogger($"collector/{p.Config.Id}");
        if (p.Config.Isolation == IsolationMode.Process)
        {
            (p.Instance as IDisposable)?.Dispose(); // the child makes and initialises its own
            var level = options.Verbose ? LogLevel.Debug : LogLevel.Information;
            return new ProcessWorker(p.Config, pipeline, logger, _time, level);
        }

        return new ThreadWorker(p.Config, p.Instance, _time, pipeline, logger, Lateness);
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        _signals.Writer.TryWrite(context.Signal);
    }

    private void DropPrivilegesIfAsked(DaemonSettings settings, PidFile? pid, IReadOnlyList<string> archiveFiles)
    {
        var user = options.User ?? settings.User;
        var group = options.Group ?? settings.Group;
        if (user is null && group is null)
        {
            return;
        }

        if (user is null || group is null)
        {
            throw new InvalidOperationException("user and group go together: set both or neither");
        }

        var (uid, gid) = Privileges.Resolve(user, group);
        var mmvDir = settings.Mmv is { Enabled: true, Dir: { } d } ? Path.GetFullPath(d) : null;
        var account = new ServiceAccount(user, uid, gid, archiveFiles, pid, mmvDir);
        account.Prepare();
        Privileges.Drop(user, uid, gid);
        Log.DroppedPrivileges(_log, user, uid, group, gid);
        account.Check();
    }

    private static void Dispose(IReadOnlyList<PreparedCollector> collectors)
    {
        foreach (var p in collectors)
        {
            (p.Instance as IDisposable)?.Dispose();
        }
    }
}
