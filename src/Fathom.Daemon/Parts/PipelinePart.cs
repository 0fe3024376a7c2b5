using Fathom.Core.Pipeline;
using Fathom.Daemon.Cli;

namespace Fathom.Daemon.Parts;

/// <summary>
/// The measurement pipeline into the archive. Its stop flushes everything queued and says what was
/// lost (exit 1). With <paramref name="latest"/> (the API is on) every committed batch updates the
/// latest values /metrics serves.
/// </summary>
internal sealed class PipelinePart(DaemonRun run, ArchivePart archive, LatestValues? latest = null) : IDaemonPart
{
    private MeasurementPipeline? _pipeline;

    public string Name => "pipeline";

    public MeasurementPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("the pipeline is not running");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _pipeline = new MeasurementPipeline(archive.Archive, run.Loggers.CreateLogger("pipeline"), run.Time, observer: latest);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_pipeline is not { } pipeline)
        {
            return;
        }

        await pipeline.CompleteAsync().ConfigureAwait(false);
        var stats = pipeline.Stats;
        if (stats.Dropped + stats.Lost > 0)
        {
            // A stop that lost data says how much and fails, so systemd and scripts see it.
            PartsLog.StoppedWithLoss(run.Log, stats.Written, stats.Dropped, stats.Lost);
            run.Fail(ExitCodes.Failure);
            return;
        }

        PartsLog.Stopped(run.Log, stats.Written, stats.Dropped);
    }
}
