using Fathom.Archive.Delivery;
using Fathom.Core.Instrumentation;

namespace Fathom.Daemon.Instrumentation;

/// <summary>
/// Per archive target (an instance domain of target names, fixed for the daemon's life): up,
/// spool depth in batches, measurements and bytes, oldest age, dropped, corrupt, delivered, retries.
/// </summary>
internal sealed class TargetMetrics
{
    private readonly Func<IReadOnlyList<ArchiveTargetStatus>> _statuses;
    private readonly Metric _up, _batches, _measurements, _bytes, _oldest, _dropped, _corrupt, _delivered, _duplicates, _retries, _appendErrors;

    public TargetMetrics(MetricRegistry registry, Func<IReadOnlyList<ArchiveTargetStatus>> statuses)
    {
        _statuses = statuses;
        var names = statuses().Select(s => s.Name).ToList();
        var indom = registry.AddInstanceDomain(
            [.. names.Select((n, i) => new MetricInstance(i, n))],
            "archive targets", "One instance per <archive> block, by its name", "target");
        var count = MetricUnits.Count;
        _up = registry.Add("archive.target.up", MetricType.U32, MetricSemantics.Instant, MetricUnits.None, "target up", "1 while the last delivery to the target succeeded, 0 while it fails (retrying)", indom);
        _batches = Instant("archive.target.spool_batches", "batches waiting", "Batches spooled or queued for the target, not yet delivered");
        _measurements = Instant("archive.target.spool_measurements", "measurements waiting", "Measurements in those batches");
        _bytes = registry.Add("archive.target.spool_bytes", MetricType.U64, MetricSemantics.Instant, MetricUnits.Bytes, "spool size", "Bytes of the target's spool on disk", indom);
        _oldest = registry.Add("archive.target.oldest_age", MetricType.Double, MetricSemantics.Instant, MetricUnits.Milliseconds, "oldest waiting batch age", "Age of the oldest batch waiting for the target (0 when none waits)", indom);
        _dropped = Counter("archive.target.dropped", "measurements dropped", "Measurements dropped at the spool's bound (spool_max_bytes) or the memory queue's, each drop logged");
        _corrupt = Counter("archive.target.corrupt", "corrupt spool records", "Spool records found unreadable (bad CRC, truncated) and skipped");
        _delivered = Counter("archive.target.delivered", "measurements delivered", "Measurements the target stored");
        _duplicates = Counter("archive.target.duplicates", "duplicate batches skipped", "Batches the target already had (replayed after a lost answer or a crash), not stored twice");
        _retries = Counter("archive.target.retries", "failed deliveries", "Delivery attempts that failed and were retried under the retry policy");
        _appendErrors = Counter("archive.target.spool_errors", "spool append errors", "Spool appends that failed (disk full, I/O error); the pipeline kept the batch and retried");

        Metric Counter(string name, string shortHelp, string longHelp) =>
            registry.Add(name, MetricType.U64, MetricSemantics.Counter, count, shortHelp, longHelp, indom);

        Metric Instant(string name, string shortHelp, string longHelp) =>
            registry.Add(name, MetricType.U64, MetricSemantics.Instant, count, shortHelp, longHelp, indom);
    }

    public void Refresh()
    {
        var all = _statuses();
        for (var i = 0; i < all.Count; i++)
        {
            var s = all[i];
            _up.Set(s.State == "down" ? 0 : 1, i);
            _batches.Set(s.PendingBatches, i);
            _measurements.Set(s.PendingMeasurements, i);
            _bytes.Set(s.PendingBytes, i);
            _oldest.Set((s.OldestPendingAgeSeconds ?? 0) * 1000.0, i);
            _dropped.Set(s.DroppedMeasurements, i);
            _corrupt.Set(s.CorruptRecords, i);
            _delivered.Set(s.DeliveredMeasurements, i);
            _duplicates.Set(s.DuplicateBatches, i);
            _retries.Set(s.Retries, i);
            _appendErrors.Set(s.SpoolWriteErrors, i);
        }
    }
}
