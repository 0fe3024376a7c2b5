using Fathom.Core.Configuration;
using Fathom.Core.Instrumentation;
using Fathom.Core.Pipeline;
using Fathom.Core.Scheduling;
using Fathom.Daemon.Supervision;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Instrumentation;

/// <summary>
/// Wires the daemon's instrumentation: the timer registry (1 s tick), PCP's six server metrics,
/// the daemon's own metrics, and their publication (the MMV file), refreshed in that order
/// through the timer list itself.
/// </summary>
internal sealed partial class Instruments : IDisposable
{
    private readonly MmvSettings _mmv;
    private readonly ILogger _logger;
    private readonly MetricRegistry _registry;
    private readonly TimerRegistry _timers;
    private readonly DaemonMetrics _metrics;

    public Instruments(MmvSettings mmv, MeasurementPipeline pipeline, LatencyHistogram lateness, TimeProvider time, ILogger logger)
    {
        _mmv = mmv;
        _logger = logger;
        _registry = new MetricRegistry(mmv.Name);
        _timers = new TimerRegistry(time, logger);
        _ = _timers.SetMetricRegistry(_registry);
        _metrics = new DaemonMetrics(_registry, pipeline.Stats, () => pipeline.Queued, _timers.Stats, lateness);
    }

    public MetricRegistry Registry => _registry;

    public TimerRegistry Timers => _timers;

    public void Start(Supervisor supervisor)
    {
        CollectorsChanged(supervisor);
        _ = _timers.Register(static s => ((Instruments)s!).Tick(), this);
    }

    public void CollectorsChanged(Supervisor supervisor) =>
        _metrics.SetCollectors([.. supervisor.Workers.OrderBy(w => w.Config.Id, StringComparer.Ordinal).Select(w => w.Stats)]);

    public void Dispose() => _timers.Dispose();

    private void Tick() => _metrics.Refresh();
}
