using System.Runtime.InteropServices;
using System.Threading.Channels;
using Fathom.Core.Configuration;
using Fathom.Core.Scheduling;
using Fathom.Daemon.Cli;
using Fathom.Daemon.Logging;
using Fathom.Daemon.Parts;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Hosting;

/// <summary>
/// The running daemon: starts the parts of <see cref="DaemonParts"/> in order, reports ready, then
/// waits for signals. Stops on SIGINT/SIGTERM (the parts in reverse, everything collected flushed);
/// reloads on SIGHUP, keeping the running configuration when the new one is invalid.
/// </summary>
internal sealed partial class DaemonHost(DaemonOptions options, string configFile, IReadyReporter ready, bool detached)
{
    /// <summary>A part's stop beyond the children's grace (SIGTERM to SIGKILL): flushing the queue, closing the archive.</summary>
    private static readonly TimeSpan StopMargin = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time = PreciseTimeProvider.Shared;
    // Signals, and reloads asked for through the API (with the task that gets their outcome).
    private readonly Channel<(PosixSignal Signal, TaskCompletionSource<IReadOnlyList<string>>? Done)> _signals =
        Channel.CreateUnbounded<(PosixSignal, TaskCompletionSource<IReadOnlyList<string>>?)>();
    private ILogger _log = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>Collector run-start lateness; "steady" leaves out the first 10 s.</summary>
    public SchedulerLateness Lateness { get; } = new(PreciseTimeProvider.Shared, TimeSpan.FromSeconds(10));

    public async Task<int> RunAsync(LoadedConfig loaded)
    {
        ILoggerFactory loggers;
        try
        {
            loggers = LoggingSetup.Create(options, detached, _time);
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

        using (loggers)
        {
            _log = loggers.CreateLogger("daemon");
            foreach (var w in loaded.Settings.Warnings)
            {
                Log.ConfigWarning(_log, w);
            }

            var run = new DaemonRun(options, loaded, loggers, _time, Lateness) { RequestReload = RequestReloadAsync };
            return await RunPartsAsync(run).ConfigureAwait(false);
        }
    }

    private async Task<int> RunPartsAsync(DaemonRun run)
    {
        var parts = new DaemonPartRunner(DaemonParts.Create(run), run.Settings.ShutdownTimeout + StopMargin, _log);
        using var notifier = new SystemdNotifier(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
        try
        {
            if (await parts.StartAsync(CancellationToken.None).ConfigureAwait(false) is { } failure)
            {
                ready.Failed(failure.ExitCode, failure.Message);
                return failure.ExitCode;
            }

            var status = parts.Status;
            Log.Ready(_log, Environment.ProcessId, configFile, status);
            notifier.Ready(status);
            ready.Ready();

            await WaitForStopAsync(parts, notifier).ConfigureAwait(false);

            notifier.Stopping();
            Log.Stopping(_log);
            if (!await parts.StopAsync().ConfigureAwait(false))
            {
                run.Fail(ExitCodes.Failure); // a part left behind may have lost what it held
            }

            return run.ExitCode;
        }
        finally
        {
            run.DisposeUntakenCollectors();
        }
    }

    private async Task WaitForStopAsync(DaemonPartRunner parts, SystemdNotifier notifier)
    {
        await foreach (var (signal, done) in _signals.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (signal != PosixSignal.SIGHUP)
            {
                done?.TrySetResult([DaemonRun.Stopping]);
                Log.SignalStop(_log, signal.ToString());
                _signals.Writer.TryComplete();
                while (_signals.Reader.TryRead(out var pending))
                {
                    pending.Done?.TrySetResult([DaemonRun.Stopping]);
                }

                return;
            }

            notifier.Reloading(_time.GetTimestamp() * 1_000_000 / _time.TimestampFrequency);
            var errors = await ReloadAsync(parts).ConfigureAwait(false);
            done?.TrySetResult(errors);
            notifier.Ready(parts.Status);
        }
    }

    /// <summary>A reload asked for through the API: queued behind any signal, answered with the config errors (empty: applied).</summary>
    private Task<IReadOnlyList<string>> RequestReloadAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<IReadOnlyList<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_signals.Writer.TryWrite((PosixSignal.SIGHUP, done)))
        {
            done.TrySetResult([DaemonRun.Stopping]);
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<string>> ReloadAsync(DaemonPartRunner parts)
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
            return [.. e.Errors.Select(x => x.Message)];
        }

        foreach (var w in next.Settings.Warnings)
        {
            Log.ConfigWarning(_log, w);
        }

        await parts.ReloadAsync(next, CancellationToken.None).ConfigureAwait(false);
        return [];
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        _signals.Writer.TryWrite((context.Signal, null));
    }
}
