using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Fathom.Collectors;
using Fathom.Core.Collectors;
using Fathom.Core.Native;
using Fathom.Core.Scheduling;
using Fathom.Daemon.Logging;
using Fathom.Daemon.Native;
using Fathom.Daemon.Wire;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Child;

/// <summary>
/// fathomd re-executed as "fathomd: collector ID": runs one collector and streams what it
/// measures to the parent on stdout. Dies with the parent (PR_SET_PDEATHSIG), stops on SIGTERM.
/// </summary>
internal static partial class CollectorChild
{
    public static async Task<int> RunAsync(string id)
    {
        _ = Libc.prctl(Libc.PrSetPdeathsig, Libc.SigKill, 0, 0, 0);
        if (int.TryParse(Environment.GetEnvironmentVariable(ChildEnvironment.ParentPid), CultureInfo.InvariantCulture, out var parent) && Libc.getppid() != parent)
        {
            return 1; // the parent died before the death signal was armed
        }

        Libc.SetProcessName("fathomd-child");
        using var stdin = Console.OpenStandardInput();
        var spec = await JsonSerializer.DeserializeAsync(stdin, ChildSpecJson.Default.ChildSpec).ConfigureAwait(false)
            ?? throw new InvalidOperationException("no collector spec on stdin");
        var time = PreciseTimeProvider.Shared;
        using var loggers = LoggingSetup.CreateForChild((LogLevel)spec.LogLevel, time);
        var logger = loggers.CreateLogger($"collector/{id}");
        var config = spec.ToConfig();
        var catalog = new CollectorCatalog(BuiltinCollectors.All);
        ICollector collector;
        try
        {
            collector = catalog.Resolve(config.Module, config.Location, config.BaseDirectory).Factory();
            collector.Init(config);
        }
        catch (Exception e)
        {
            LogInitFailed(logger, e.Message);
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
        await stop.Task.ConfigureAwait(false);
        await runner.StopAsync(config.Timeout).ConfigureAwait(false);
        flushed.Force = true;
        Flush(wire, stats, flushed, stop);
        (collector as IDisposable)?.Dispose();
        return 0;
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
    }

    [LoggerMessage(EventId = 420, EventName = "ChildInitFailed", Level = LogLevel.Critical, Message = "init failed: {Reason}")]
    private static partial void LogInitFailed(ILogger logger, string reason);
}
