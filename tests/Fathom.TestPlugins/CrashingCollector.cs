using Fathom.Core.Collectors;

namespace Fathom.TestPlugins;

/// <summary>Kills its process at every run, as a plugin with a fatal bug does: fathomd must restart it with backoff.</summary>
public sealed class CrashingCollector : ICollector
{
    /// <inheritdoc />
    public void Init(CollectorConfig config)
    {
    }

    /// <inheritdoc />
    public ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken)
    {
        Environment.FailFast("CrashingCollector fails fast on purpose");
        return ValueTask.FromResult(CollectOutcome.Default);
    }
}
