using System.Text.Json;
using Fathom.Child;
using Fathom.Child.Wire;
using Fathom.Core.Collectors;
using Fathom.Core.Measurements;
using Fathom.Core.Processes;
using Fathom.Core.Scheduling;
using Fathom.Daemon.Child;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Supervision;

/// <summary>
/// isolation process: the collector runs in a child fathomd ("fathomd: collector ID") that
/// streams measurements back. A child that dies is restarted with exponential backoff (1 s
/// doubling to 60 s, reset after a healthy minute); each restart is logged and counted.
/// </summary>
internal sealed partial class ProcessWorker(
    CollectorConfig config, IMeasurementSink sink, ILogger logger, TimeProvider time, LogLevel childLogLevel) : ICollectorWorker
{
    private static readonly TimeSpan HealthyAfter = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private ChildProcess? _child;
    private Task _loop = Task.CompletedTask;
    private int _childrenStarted;

    public CollectorConfig Config => config;

    public CollectorStats Stats { get; } = new(config.Id);

    /// <summary>The running child's pid, or null between incarnations.</summary>
    public int? ChildPid
    {
        get
        {
            lock (_gate)
            {
                return _child?.Pid;
            }
        }
    }

    /// <summary>
    /// Stopped once asked to stop; between children Starting (none yet) or Restarting (backing off);
    /// with a child, Running or Idle as its last counters said.
    /// </summary>
    public CollectorState State
    {
        get
        {
            if (_stopping.IsCancellationRequested)
            {
                return CollectorState.Stopped;
            }

            lock (_gate)
            {
                if (_child is null)
                {
                    return _childrenStarted == 0 ? CollectorState.Starting : CollectorState.Restarting;
                }
            }

            return Stats.RunningSince is null ? CollectorState.Idle : CollectorState.Running;
        }
    }

    public void Start() => _loop = Task.Run(SuperviseAsync);

    public async Task StopAsync(TimeSpan grace)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        ChildProcess? child;
        lock (_gate)
        {
            child = _child;
        }

        if (child is not null && !child.Exited.IsCompleted)
        {
            child.Signal(Signals.SIGTERM);
            try
            {
                await child.Exited.WaitAsync(grace, time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Log.Killing(logger, grace.TotalSeconds);
                child.Signal(Signals.SIGKILL);
            }
        }

        await _loop.ConfigureAwait(false);
    }

    private async Task SuperviseAsync()
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!_stopping.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            ChildExit exit;
            try
            {
                exit = await RunChildOnceAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException)
            {
                Log.SpawnFailed(logger, e.Message);
                exit = new ChildExit(127, null);
            }

            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            if (time.GetElapsedTime(started) >= HealthyAfter)
            {
                backoff = TimeSpan.FromSeconds(1);
            }

            Stats.Restarted();
            Log.ChildDied(logger, exit.ToString(), backoff.TotalSeconds);
            try
            {
                await Task.Delay(backoff, time, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private async Task<ChildExit> RunChildOnceAsync()
    {
        using var child = ChildProcess.Start(ChildLauncher.Options(config.Id, StdioMode.Pipe, StdioMode.Pipe, StdioMode.Pipe, CollectorCatalog.IsPluginModule(config.Module)));
        lock (_gate)
        {
            _child = child;
            _childrenStarted++;
        }

        Log.ChildStarted(logger, child.Pid);
        try
        {
            await JsonSerializer.SerializeAsync(child.StandardInput!, ChildSpec.From(config, (int)childLogLevel), ChildSpecJson.Default.ChildSpec).ConfigureAwait(false);
            await child.StandardInput!.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The child died before reading its spec; its exit status says why.
        }

        var reader = new WireReader(sink, Stats, m => Log.BadLine(logger, m));
        var pumpOut = reader.PumpAsync(child.StandardOutput!, CancellationToken.None);
        var pumpErr = RelayLogAsync(child.StandardError!);
        var exit = await child.Exited.ConfigureAwait(false);
        await Task.WhenAll(pumpOut, pumpErr).ConfigureAwait(false);
        lock (_gate)
        {
            _child = null;
        }

        // What the dead child was doing is over; its last run stays.
        Stats.Report(Stats.LastRun, runningSince: null, nextRun: null);
        return exit;
    }

    private async Task RelayLogAsync(Stream stderr)
    {
        using var reader = new StreamReader(stderr);
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            var bar = line.IndexOf('|', StringComparison.Ordinal);
            if (bar is 1 && line[0] is >= '0' and <= '6')
            {
                var level = (LogLevel)(line[0] - '0');
                if (logger.IsEnabled(level))
                {
                    Log.Relayed(logger, level, line[2..]);
                }
            }
            else if (line.Length > 0)
            {
                Log.ChildOutput(logger, line);
            }
        }
    }
}
