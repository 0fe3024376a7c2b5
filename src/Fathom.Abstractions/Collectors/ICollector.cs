namespace Fathom.Core.Collectors;

/// <summary>
/// A collector module: perfSONAR's init / collectMeasurements pair, made async.
/// One instance serves one &lt;collector ID&gt; block; runs of one instance never overlap.
/// </summary>
public interface ICollector
{
    /// <summary>
    /// Reads and validates the block's keys. Throws <see cref="Configuration.ConfigException"/>
    /// (naming file:line) for a configuration mistake, any other exception when it cannot start.
    /// </summary>
    void Init(CollectorConfig config);

    /// <summary>
    /// Takes one round of measurements and emits them through <paramref name="context"/>.
    /// Honour <paramref name="cancellationToken"/>: it fires at the run's timeout and at shutdown.
    /// </summary>
    ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken);
}
