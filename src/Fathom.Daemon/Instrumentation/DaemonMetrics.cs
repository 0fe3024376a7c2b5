using Fathom.Core.Instrumentation;
using Fathom.Core.Pipeline;
using Fathom.Core.Scheduling;

namespace Fathom.Daemon.Instrumentation;

/// <summary>
/// The daemon's own metrics beside PCP's six: per collector (an instance domain of collector
/// IDs, rebuilt on reload) runs, failures, timeouts, overruns, restarts and last duration; the
/// pipeline's received/written/queued/dropped/lost; archive batches, errors and batch latency; the
/// timer tick's lateness. Refreshed by one timer callback.
/// </summary>
internal sealed class DaemonMetrics
{
    private readonly MetricRegistry _registry;
    private readonly PipelineStats _pipeline;
    private readonly Func<int> _queued;
    private readonly TimerStats _timer;
    private readonly SchedulerLateness _lateness;
    private readonly Metric _received, _written, _queuedMetric, _dropped, _lost, _batches, _writeErrors, _batchLatency;
    private readonly Metric _ticks, _skipped, _callbackErrors, _tickLateness, _schedP99;
    private volatile CollectorSet _collectors = CollectorSet.Empty;

    public DaemonMetrics(MetricRegistry registry, PipelineStats pipeline, Func<int> queued, TimerStats timer, SchedulerLateness lateness)
    {
        _registry = registry;
        _pipeline = pipeline;
        _queued = queued;
        _timer = timer;
        _lateness = lateness;
        var count = MetricUnits.Count;
        _received = Counter("pipeline.received", "measurements received", "Measurements handed to the pipeline by collectors");
        _written = Counter("pipeline.written", "measurements written", "Measurements the archive committed");
        _dropped = Counter("pipeline.dropped", "measurements dropped", "Measurements dropped because the queue was full (oldest first); each drop is also logged");
        _lost = Counter("pipeline.lost", "measurements lost with the archive file", "Measurements the archive had committed to a file that was then deleted or replaced: they went with it (each loss is also logged, and the stop exits 1)");
        _queuedMetric = registry.Add("pipeline.queued", MetricType.U64, MetricSemantics.Instant, count, "measurements queued", "Measurements waiting in the pipeline for the archive");
        _batches = Counter("archive.batches", "archive write batches", "Batches committed to the archive");
        _writeErrors = Counter("archive.write_errors", "archive write errors", "Batches the archive refused (kept and retried)");
        _batchLatency = registry.Add("archive.batch_latency", MetricType.Double, MetricSemantics.Instant, MetricUnits.Milliseconds, "last batch latency", "Time the archive took to commit the last batch");
        _ticks = Counter("timer.ticks", "timer ticks", "Ticks of the 1 s instrumentation timer");
        _skipped = Counter("timer.skipped", "timer ticks skipped", "Ticks missed entirely because the process was stalled");
        _callbackErrors = Counter("timer.callback_errors", "timer callback failures", "Timer callbacks that threw (each logged)");
        _tickLateness = registry.Add("timer.lateness", MetricType.Double, MetricSemantics.Instant, MetricUnits.Milliseconds, "last tick lateness", "How late the last instrumentation tick fired after its due time");
        _schedP99 = registry.Add("scheduler.lateness_p99", MetricType.Double, MetricSemantics.Instant, MetricUnits.Milliseconds, "p99 collector start lateness", "99th percentile of in-daemon collector run starts after their due time, after the first 10 s");

        Metric Counter(string name, string shortHelp, string longHelp) =>
            registry.Add(name, MetricType.U64, MetricSemantics.Counter, count, shortHelp, longHelp);
    }

    /// <summary>Rebuilds the per-collector metrics for a new set of collectors (start and every reload).</summary>
    public void SetCollectors(IReadOnlyList<CollectorStats> stats)
    {
        _registry.Remove(m => m.Name.StartsWith("collector.", StringComparison.Ordinal));
        var indom = _registry.AddInstanceDomain(
            [.. stats.Select((s, i) => new MetricInstance(i, s.CollectorId))],
            "collectors", "One instance per configured <collector ID> block", "collector");
        var count = MetricUnits.Count;
        _collectors = new CollectorSet(
            [.. stats],
            Add("collector.runs", "collector runs", "Runs completed, per collector"),
            Add("collector.failures", "collector failures", "Runs that threw, per collector"),
            Add("collector.timeouts", "collector timeouts", "Runs cancelled at their timeout, per collector"),
            Add("collector.overruns", "collector overruns", "Runs skipped because the previous one overran, per collector"),
            Add("collector.restarts", "collector restarts", "Child process restarts, per collector (isolation process)"),
            _registry.Add("collector.last_duration", MetricType.Double, MetricSemantics.Instant, MetricUnits.Milliseconds, "last run duration", "Duration of the last completed run, per collector", indom));

        Metric Add(string name, string shortHelp, string longHelp) =>
            _registry.Add(name, MetricType.U64, MetricSemantics.Counter, count, shortHelp, longHelp, indom);
    }

    /// <summary>Copies every figure into its metric; called once per tick.</summary>
    public void Refresh()
    {
        _received.Set(_pipeline.Received);
        _written.Set(_pipeline.Written);
        _dropped.Set(_pipeline.Dropped);
        _lost.Set(_pipeline.Lost);
        _queuedMetric.Set(_queued());
        _batches.Set(_pipeline.Batches);
        _writeErrors.Set(_pipeline.WriteErrors);
        _batchLatency.Set(_pipeline.LastBatchDuration.TotalMilliseconds);
        _ticks.Set(_timer.Ticks);
        _skipped.Set(_timer.Skipped);
        _callbackErrors.Set(_timer.CallbackErrors);
        _tickLateness.Set(_timer.LastLateness.TotalMilliseconds);
        _schedP99.Set(_lateness.Steady.Quantile(0.99) / 1000.0);
        _collectors.Refresh();
    }

    private sealed record CollectorSet(CollectorStats[] Stats, Metric Runs, Metric Failures, Metric Timeouts, Metric Overruns, Metric Restarts, Metric LastDuration)
    {
        public static CollectorSet Empty { get; } = new([], null!, null!, null!, null!, null!, null!);

        public void Refresh()
        {
            for (var i = 0; i < Stats.Length; i++)
            {
                var s = Stats[i];
                Runs.Set(s.Runs, i);
                Failures.Set(s.Failures, i);
                Timeouts.Set(s.Timeouts, i);
                Overruns.Set(s.Overruns, i);
                Restarts.Set(s.Restarts, i);
                LastDuration.Set(s.LastDuration.TotalMilliseconds, i);
            }
        }
    }
}
