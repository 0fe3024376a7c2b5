using System.Globalization;
using System.Text;
using System.Text.Json;
using Fathom.Api.Hosting;
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
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private readonly Dictionary<long, TaskCompletionSource<string>> _answers = [];
    private ChildProcess? _child;
    private StreamWriter? _commands;
    private long _seq;
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

        if (_stopping.IsCancellationRequested)
        {
            // Stopped while this child was being started: StopAsync found no child to signal.
            child.Signal(Signals.SIGTERM);
        }

        Log.ChildStarted(logger, child.Pid);
        // The spec as one line, then stdin stays open for commands (run now) while the child lives.
        var commands = new StreamWriter(child.StandardInput!, new UTF8Encoding(false)) { NewLine = "\n" };
        try
        {
            await commands.WriteLineAsync(JsonSerializer.Serialize(ChildSpec.From(config, (int)childLogLevel), ChildSpecJson.Default.ChildSpec)).ConfigureAwait(false);
            await commands.FlushAsync().ConfigureAwait(false);
            lock (_gate)
            {
                _commands = commands;
            }
        }
        catch (IOException)
        {
            // The child died before reading its spec; its exit status says why.
        }

        var reader = new WireReader(sink, Stats, m => Log.BadLine(logger, m), OnAnswer);
        var pumpOut = reader.PumpAsync(child.StandardOutput!, CancellationToken.None);
        var pumpErr = RelayLogAsync(child.StandardError!);
        var exit = await child.Exited.ConfigureAwait(false);
        await Task.WhenAll(pumpOut, pumpErr).ConfigureAwait(false);
        lock (_gate)
        {
            _child = null;
            _commands = null;
            foreach (var waiting in _answers.Values)
            {
                waiting.TrySetResult("stopped");
            }

            _answers.Clear();
        }

        await DisposeQuietlyAsync(commands).ConfigureAwait(false);

        // What the dead child was doing is over; its last run stays.
        Stats.Report(Stats.LastRun, runningSince: null, nextRun: null);
        return exit;
    }

    /// <summary>
    /// Asks the child to run now ("R\tSEQ" on its stdin) and waits for its answer: only the child
    /// knows whether a run is in progress. No child (starting, restarting, stopped): unavailable.
    /// </summary>
    public async Task<RunNowResult> RunNowAsync(CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        StreamWriter? commands;
        long seq;
        lock (_gate)
        {
            commands = _stopping.IsCancellationRequested ? null : _commands;
            if (commands is null)
            {
                return RunNowResult.Unavailable;
            }

            seq = ++_seq;
            _answers[seq] = answer;
        }

        try
        {
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await commands.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{WireFormat.RunNow}\t{seq}")).ConfigureAwait(false);
                await commands.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }

            return await answer.Task.WaitAsync(AnswerTimeout, time, cancellationToken).ConfigureAwait(false) switch
            {
                "started" => RunNowResult.Started,
                "busy" => RunNowResult.Busy,
                _ => RunNowResult.Unavailable,
            };
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or TimeoutException)
        {
            return RunNowResult.Unavailable; // the child died or hangs: it cannot run now
        }
        finally
        {
            lock (_gate)
            {
                _answers.Remove(seq);
            }
        }
    }

    private void OnAnswer(long seq, string result)
    {
        lock (_gate)
        {
            if (_answers.TryGetValue(seq, out var waiting))
            {
                waiting.TrySetResult(result);
            }
        }
    }

    private async Task DisposeQuietlyAsync(StreamWriter commands)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await commands.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The child is gone: what was buffered for it does not matter.
        }
        finally
        {
            _sendLock.Release();
        }
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
