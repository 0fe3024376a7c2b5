using Fathom.Core.Collectors;

namespace Fathom.TestPlugins;

/// <summary>A collector the host cannot make: its only constructor takes an argument.</summary>
public sealed class NeedsArgumentCollector(int step) : ICollector
{
    /// <inheritdoc />
    public void Init(CollectorConfig config)
    {
    }

    /// <inheritdoc />
    public ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(CollectOutcome.After(TimeSpan.FromSeconds(step)));
}
