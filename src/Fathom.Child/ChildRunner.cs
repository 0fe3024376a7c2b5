using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Fathom.Child.Logging;
using Fathom.Child.Wire;
using Fathom.Core.Collectors;
using Fathom.Core.Scheduling;
using Microsoft.Extensions.Logging;

namespace Fathom.Child;

/// <summary>
/// The body of every collector child (fathomd's own and fathom-plugin-host's): reads the
/// <see cref="ChildSpec"/> from stdin, makes and initialises the collector with
/// the given factory, runs it and streams what it measures on stdout until SIGTERM.
/// </summary>
public static partial class ChildRunner
{
    /// <summary>The exit status of a child whose run ignored its cancellation at the timeout.</summary>
    public const int AbandonedExitCode = 3;

    public static async Task<int> RunAsync(string id, Func<CollectorConfig, ICollector> make)
    {
        if (!ParentGuard.Arm())
        {
            return 1; // the parent died before the death signal was armed
        }

        // The spec is the first line; the parent's commands (run now) follow while it lives.
        using var stdin = new StreamReader(Console.OpenStandardInput());
        var spec = JsonSerializer.Deserialize(await stdin.ReadLineAsync().ConfigureAwait(false) ?? "null", ChildSpecJson.Default.ChildSpec)
            ?? throw new InvalidOperationException("no collector spec on stdin");
        var time = PreciseTimeProvider.Shared;
        using var loggers = ChildLoggerProvider.CreateFactory((LogLevel)spec.LogLevel);
        var logger = loggers.CreateLogger($"collector/{id}");
        var config = spec.ToConfig();
        ICollector collector;
        try
        {
            collector = make(config);
            collector.Init(config);
        }
        catch (Exception e)
        {
            Log.InitFailed(logger, e.Message);
            return 1;
        }

        using var wire = new WireWriter(Console.OpenStandardOutput());
        var stats = new CollectorStats(id);
        var runner = new CollectorRunner(config, collector, time, wire, logger, stats);
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true); // the terminal's ^C is the parent's to handle
        using var hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => c.Cancel = true);
        runner.Start();
        var flushed = new FlushState();
        using var flusher = time.CreateTimer(_ => Flush(wire, stats, flushed, stop), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        _ = Task.Run(() => ServeCommandsAsync(stdin, runner, wire, logger));
        await stop.Task.ConfigureAwait(false);
        if (flushed.Abandoned)
        {
            // The stuck run holds a thread and the runner's slot for ever: only a new process frees them,
            // so the parent restarts this child with its backoff (a thread collector would wait instead).
            Log.ExitingAfterAbandonedRun(logger, config.Timeout.TotalSeconds);
            flushed.Force = true;
            Flush(wire, stats, flushed, stop);
            return AbandonedExitCode;
        }

        await runner.StopAsync(config.Timeout).ConfigureAwait(false);
        flushed.Force = true;
        Flush(wire, stats, flushed, stop);
        (collector as IDisposable)?.Dispose();
        return 0;
    }

    /// <summary>
    /// The parent's commands, one a line, until it closes our stdin: "R\tSEQ" runs now and is
    /// answered "A\tSEQ\tstarted|busy|stopped", the counters (with the manual run) sent just before.
    /// </summary>
    private static async Task ServeCommandsAsync(StreamReader commands, CollectorRunner runner, WireWriter wire, ILogger logger)
    {
        try
        {
            while (await commands.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                if (line.Length < 3 || line[0] != WireFormat.RunNow || tab != 1 || !long.TryParse(line.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
                {
                    Log.BadCommand(logger, line);
                    continue;
                }

                var result = runner.RunNow() switch
                {
                    ManualRunStart.Started => "started",
                    ManualRunStart.Busy => "busy",
                    _ => "stopped",
                };
                wire.WriteCounters(runner.Stats);
                wire.WriteAnswer(seq, result);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The parent is gone or we are stopping: nobody to answer.
        }
    }

    /// <summary>Sends what was measured every 100 ms, and the counters (with the last and next run) when they moved.</summary>
    private static void Flush(WireWriter wire, CollectorStats stats, FlushState state, TaskCompletionSource stop)
    {
        lock (state)
        {
            try
            {
                var mark = stats.Version; // moves with every count, run start and next run
                if (mark != state.LastMark || state.Force)
                {
                    state.LastMark = mark;
                    wire.WriteCounters(stats);
                }

                wire.Flush();
                if (stats.Abandoned > 0 && !state.Abandoned)
                {
                    state.Abandoned = true;
                    stop.TrySetResult();
                }
            }
            catch (IOException)
            {
                stop.TrySetResult(); // the parent closed our stdout: nobody is listening any more
            }
        }
    }

    private sealed class FlushState
    {
        public long LastMark { get; set; } = -1;

        public bool Force { get; set; }

        public bool Abandoned { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 700, EventName = "ChildInitFailed", Level = LogLevel.Critical, Message = "init failed: {Reason}")]
        public static partial void InitFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 710, EventName = "ChildBadCommand", Level = LogLevel.Warning, Message = "unknown command from the parent: {Line}")]
        public static partial void BadCommand(ILogger logger, string line);

        [LoggerMessage(EventId = 8150, EventName = "ChildExitingAfterAbandonedRun", Level = LogLevel.Error, Message = "a run ignored its cancellation at its timeout of {Seconds} s: this collector child exits to be restarted")]
        public static partial void ExitingAfterAbandonedRun(ILogger logger, double seconds);
    }
}
