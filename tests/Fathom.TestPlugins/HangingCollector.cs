using Fathom.Core.Collectors;

namespace Fathom.TestPlugins;

/// <summary>Blocks its run for ever and ignores cancellation: its child must be ended at the run's timeout and restarted.</summary>
public sealed class HangingCollector : ICollector
{
    /// <inheritdoc />
    public void Init(CollectorConfig config)
    {
    }

    /// <inheritdoc />
    public ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken)
    {
        Thread.Sleep(Timeout.Infinite);
        return ValueTask.FromResult(CollectOutcome.Default);
    }
}
