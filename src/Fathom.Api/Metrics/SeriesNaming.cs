using Fathom.Core.Measurements;

namespace Fathom.Api.Metrics;

/// <summary>
/// A collected series' name under Prometheus' rules: dots become underscores, no prefix (the
/// module, "ping_", "host_", is the domain prefix, as node_exporter's "node_"), the recorded unit
/// converted to its base unit as a suffix (ms and days → _seconds, bits/s → _bytes_per_second,
/// percent → _ratio, bytes → _bytes; count, bool, code, state and none: no suffix), counters
/// (<see cref="CounterSeries"/>) with _total.
/// </summary>
internal static class SeriesNaming
{
    public static MetricShape Shape(string name, string unit)
    {
        var (suffix, multiplier, divisor) = unit switch
        {
            Units.Milliseconds => ("seconds", 1.0, 1000.0),
            Units.Days => ("seconds", 86_400.0, 1.0),
            Units.Bytes => ("bytes", 1.0, 1.0),
            Units.BitsPerSecond => ("bytes_per_second", 1.0, 8.0),
            Units.Percent => ("ratio", 1.0, 100.0),
            _ => ((string?)null, 1.0, 1.0),
        };
        return MetricShape.Of(PromNames.MetricName(name), suffix, multiplier, divisor, CounterSeries.IsCounter(name));
    }

    /// <summary>The HELP text: where the values come from and how they were converted.</summary>
    public static string Help(string name, string unit, MetricShape shape) =>
        unit.Length == 0 ? $"Fathom series {name}, latest value"
        : !shape.Converted ? $"Fathom series {name} ({unit}), latest value"
        : $"Fathom series {name} ({unit}), latest value in {shape.Unit?.Replace('_', ' ')}";
}
