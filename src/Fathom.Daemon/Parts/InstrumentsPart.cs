using Fathom.Core.Instrumentation;
using Fathom.Daemon.Hosting;
using Fathom.Daemon.Instrumentation;
using Fathom.Pcp.Mmv;

namespace Fathom.Daemon.Parts;

/// <summary>The daemon's own metrics and their MMV file (removed at a clean stop).</summary>
internal sealed class InstrumentsPart(DaemonRun run, PipelinePart pipeline, SupervisorPart supervisor, ArchivePart? archive = null) : IDaemonPart
{
    private readonly MmvSettings _settings = run.Settings.Mmv;
    private Instruments? _instruments;

    public string Name => "instruments";

    /// <summary>The daemon's own metrics (for /metrics), once started.</summary>
    public MetricRegistry? Registry => _instruments?.Registry;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _instruments = new Instruments(_settings, pipeline.Pipeline, run.Lateness, run.Time, run.Loggers.CreateLogger("instrumentation"),
            archive is null ? null : () => ArchiveStatuses.Of(archive, pipeline));
        _instruments.Start(supervisor.Supervisor);
        return Task.CompletedTask;
    }

    public Task ReloadAsync(LoadedConfig next, CancellationToken cancellationToken)
    {
        if (next.Settings.Mmv != _settings)
        {
            PartsLog.NeedsRestart(run.Log, "mmv");
        }

        _instruments?.CollectorsChanged(supervisor.Supervisor);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _instruments?.Dispose();
        _instruments = null;
        return Task.CompletedTask;
    }
}
