using Fathom.Core.Collectors;
using Fathom.Core.Scheduling;
using Fathom.Daemon.Hosting;
using Fathom.Daemon.Supervision;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Parts;

/// <summary>The collectors, in threads or child processes. A reload is applied as a diff; the stop logs scheduler lateness.</summary>
internal sealed class SupervisorPart(DaemonRun run, PipelinePart pipeline) : IDaemonPart
{
    private Supervisor? _supervisor;

    public string Name => "supervisor";

    public Supervisor Supervisor => _supervisor ?? throw new InvalidOperationException("the supervisor is not running");

    /// <summary>What the last reload did to the collectors (read by the API's reload answer).</summary>
    public (int Kept, int Restarted, int Stopped, int Started) LastReload { get; private set; }

    public string? Status => _supervisor is null ? null : $"{_supervisor.Workers.Count} collector(s) running";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _supervisor = new Supervisor(MakeWorker, run.Log);
        _supervisor.Start(run.TakeCollectors());
        return Task.CompletedTask;
    }

    public async Task ReloadAsync(LoadedConfig next, CancellationToken cancellationToken)
    {
        var (kept, restarted, stopped, started) = await Supervisor.ApplyAsync(next.Collectors, next.Settings.ShutdownTimeout).ConfigureAwait(false);
        LastReload = (kept, restarted, stopped, started);
        PartsLog.Reloaded(run.Log, kept, restarted, stopped, started);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_supervisor is null)
        {
            return;
        }

        await _supervisor.StopAllAsync(run.Settings.ShutdownTimeout).ConfigureAwait(false);
        LogLateness("since start", run.Lateness.All);
        LogLateness("steady state (after the first 10 s)", run.Lateness.Steady);
    }

    private void LogLateness(string span, LatencyHistogram h)
    {
        if (h.Count > 0)
        {
            PartsLog.Lateness(run.Log, span, h.Count, h.Quantile(0.5) / 1000, h.Quantile(0.99) / 1000, h.MaxMicroseconds / 1000);
        }
    }

    private ICollectorWorker MakeWorker(PreparedCollector p)
    {
        var logger = run.Loggers.CreateLogger($"collector/{p.Config.Id}");
        if (p.Config.Isolation == IsolationMode.Process)
        {
            (p.Instance as IDisposable)?.Dispose(); // the child makes and initialises its own
            var level = run.Options.Verbose ? LogLevel.Debug : LogLevel.Information;
            return new ProcessWorker(p.Config, pipeline.Pipeline, logger, run.Time, level);
        }

        return new ThreadWorker(p.Config, p.Instance, run.Time, pipeline.Pipeline, logger, run.Lateness);
    }
}
