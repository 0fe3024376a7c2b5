namespace Fathom.Api.Metrics;

/// <summary>
/// How one source metric shows in /metrics: the family name (OpenMetrics' name: a counter's
/// without "_total"), the base unit suffix it ends with (null: none), the factor from the
/// recorded unit to that base unit (value × Multiplier ÷ Divisor: ÷1000 rounds better than ×0.001),
/// and whether it is a counter.
/// </summary>
internal readonly record struct MetricShape(string Name, string? Unit, double Multiplier, double Divisor, bool Counter)
{
    /// <summary>The samples' name: a counter's ends with "_total" (also the family name in the text format).</summary>
    public string SampleName => Counter ? Name + "_total" : Name;

    public bool Converted => Multiplier != 1 || Divisor != 1;

    public string TypeText => Counter ? "counter" : "gauge";

    /// <summary>Appends "_unit" unless the name ends with it already, strips a counter's "_total" (it goes back on the samples).</summary>
    public static MetricShape Of(string name, string? unit, double multiplier, double divisor, bool counter)
    {
        if (counter && name.EndsWith("_total", StringComparison.Ordinal) && name.Length > "_total".Length)
        {
            name = name[..^"_total".Length];
        }

        if (unit is not null && !name.EndsWith("_" + unit, StringComparison.Ordinal))
        {
            name += "_" + unit;
        }

        // A gauge may not look like a histogram's or summary's part (promtool: "should not have
        // _count suffix"; OpenMetrics: _created): host.cpu.count becomes host_cpu_count_value.
        if (!counter && Array.Exists(ReservedSuffixes, s => name.EndsWith(s, StringComparison.Ordinal)))
        {
            name += "_value";
        }

        return new(name, unit, multiplier, divisor, counter);
    }

    private static readonly string[] ReservedSuffixes = ["_count", "_sum", "_bucket", "_created"];
}
