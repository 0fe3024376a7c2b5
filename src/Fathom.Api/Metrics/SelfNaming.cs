using Fathom.Core.Instrumentation;

namespace Fathom.Api.Metrics;

/// <summary>
/// The daemon's own metrics (the PCP registry) under Prometheus' rules: "PREFIX_" + the PCP name
/// (dots as underscores), PCP's units in base units (KB → _bytes ×1024, ms → _seconds ÷1000),
/// counters with _total; PCP's six server metrics under Prometheus' standard process names where
/// one exists (cpu.total → process_cpu_seconds_total), else "PREFIX_process_…".
/// </summary>
internal static class SelfNaming
{
    public static MetricShape Shape(string prefix, Metric metric)
    {
        var (unit, multiplier, divisor) = BaseUnit(metric.Units);
        var counter = metric.Semantics == MetricSemantics.Counter;
        var name = metric.Name switch
        {
            "cpu.total" => "process_cpu",
            "cpu.user" => prefix + "_process_cpu_user",
            "cpu.sys" => prefix + "_process_cpu_system",
            "mem.maxrss" => prefix + "_process_max_resident_memory",
            "mem.datasz" => prefix + "_process_data",
            "pid" => prefix + "_process_pid",
            _ => prefix + "_" + PromNames.MetricName(metric.Name),
        };
        return MetricShape.Of(name, unit, multiplier, divisor, counter);
    }

    public static string Help(Metric metric) =>
        metric.Name == "cpu.total" ? "Total user and system CPU time spent in seconds."
        : metric.LongHelp.Length > 0 ? metric.LongHelp
        : metric.ShortHelp;

    /// <summary>PCP's units as a Prometheus base unit and the factor to it; dimensions mixed (rates) or none: no unit.</summary>
    public static (string? Unit, double Multiplier, double Divisor) BaseUnit(MetricUnits u) => (u.DimSpace, u.DimTime, u.DimCount) switch
    {
        (1, 0, 0) => ("bytes", Math.Pow(1024, u.ScaleSpace), 1),
        (0, 1, 0) => u.ScaleTime switch
        {
            MetricUnits.TimeNSec => ("seconds", 1, 1e9),
            MetricUnits.TimeUSec => ("seconds", 1, 1e6),
            MetricUnits.TimeMSec => ("seconds", 1, 1e3),
            MetricUnits.TimeSec => ("seconds", 1, 1),
            4 => ("seconds", 60, 1), // PM_TIME_MIN
            _ => ("seconds", 3600, 1), // PM_TIME_HOUR
        },
        _ => (null, 1, 1),
    };
}
