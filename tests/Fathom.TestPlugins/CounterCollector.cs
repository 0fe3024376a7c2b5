using Fathom.Core.Collectors;
using Fathom.Core.Configuration;
using Fathom.Core.Measurements;

namespace Fathom.TestPlugins;

/// <summary>
/// counter.value: 1, 2, 3… one more at every run, times the block's <c>step</c> (default 1).
/// The smallest useful plugin: read a key in Init (errors name file:line), emit in CollectAsync.
/// </summary>
public sealed class CounterCollector : ICollector
{
    private double _step = 1;
    private long _runs;
    private SeriesKey? _series;

    /// <inheritdoc />
    public void Init(CollectorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Find("step") is { } step)
        {
            _step = double.TryParse(step.Single(), System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0
                ? v
                : throw new ConfigException(step.Location, $"step must be a positive number, not '{step.Single()}'");
        }
    }

    /// <inheritdoc />
    public ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        _series ??= context.Series("counter.value", Units.Count);
        context.Emit(_series, ++_runs * _step);
        return ValueTask.FromResult(CollectOutcome.Default);
    }
}
