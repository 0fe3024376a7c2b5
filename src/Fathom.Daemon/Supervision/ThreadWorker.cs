using Fathom.Api.Hosting;
using Fathom.Core.Collectors;
using Fathom.Core.Measurements;
using Fathom.Core.Scheduling;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Supervision;

/// <summary>isolation thread: the collector runs in the daemon under a <see cref="CollectorRunner"/>.</summary>
internal sealed class ThreadWorker(CollectorConfig config, ICollector collector, TimeProvider time, IMeasurementSink sink, ILogger logger, ILatencyRecorder? lateness)
    : ICollectorWorker
{
    private readonly CollectorRunner _runner = new(config, collector, time, sink, logger, new CollectorStats(config.Id), lateness);
    private volatile bool _stopped;

    public CollectorConfig Config => config;

    public CollectorStats Stats => _runner.Stats;

    public CollectorState State => _stopped ? CollectorState.Stopped
        : Stats.RunningSince is null ? CollectorState.Idle
        : CollectorState.Running;

    public void Start() => _runner.Start();

    public Task<RunNowResult> RunNowAsync(CancellationToken cancellationToken) => Task.FromResult(_stopped ? RunNowResult.Unavailable : _runner.RunNow() switch
    {
        ManualRunStart.Started => RunNowResult.Started,
        ManualRunStart.Busy => RunNowResult.Busy,
        _ => RunNowResult.Unavailable,
    });

    public async Task StopAsync(TimeSpan grace)
    {
        _stopped = true;
        await _runner.StopAsync(grace).ConfigureAwait(false);
        (collector as IDisposable)?.Dispose();
    }
}
