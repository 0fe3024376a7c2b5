namespace Fathom.Core.Collectors;

/// <summary>
/// A collector whose first timed run would measure one-time start-up work (JIT compilation,
/// socket, TLS or resolver initialisation) instead of its target. The runner calls
/// <see cref="WarmUpAsync"/> once, before the first run and outside every run's timeout; the first
/// run is scheduled when it returns. It emits no measurements and is best effort: an exception is
/// logged at debug level and the schedule starts anyway.
/// </summary>
public interface ICollectorWarmUp
{
    /// <summary>Runs the collector's code paths once, untimed. Honour <paramref name="cancellationToken"/> (shutdown).</summary>
    ValueTask WarmUpAsync(CollectContext context, CancellationToken cancellationToken);
}
