namespace Fathom.Api.Metrics;

/// <summary>
/// Which collected series are counters (cumulative totals that only grow, exposed as _total): the
/// measurement model records a unit, not a kind, so the rule lives here. host.net.* and host.disk.*
/// are /proc's totals as read; a script's series named "..._total" follows Prometheus' convention.
/// Everything else is a gauge (ping.sent is per run, not cumulative).
/// </summary>
internal static class CounterSeries
{
    private static readonly string[] Prefixes = ["host.net.", "host.disk."];

    public static bool IsCounter(string name)
    {
        foreach (var p in Prefixes)
        {
            if (name.StartsWith(p, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return name.EndsWith("_total", StringComparison.Ordinal);
    }
}
