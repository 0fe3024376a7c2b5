using Fathom.Core.Collectors;

namespace Fathom.Collectors.Trace;

/// <summary>The keys of a trace block, validated.</summary>
internal sealed record TraceSettings(IReadOnlyList<string> Targets, int MaxHops, int Queries, bool Icmp, TimeSpan ProbeTimeout, TimeSpan Interval)
{
    /// <summary>UDP probes go to ports from here up, one per probe, like traceroute.</summary>
    public const int BasePort = 33434;

    public static TraceSettings Read(CollectorConfig config)
    {
        var targets = config.GetStrings("target");
        if (targets.Count == 0)
        {
            throw config.Missing("target");
        }

        if (targets.Distinct(StringComparer.Ordinal).Count() != targets.Count)
        {
            throw config.Error("target", "names a target twice");
        }

        var maxHops = (int)config.GetInt("max_hops", 30, 1, 255);
        var queries = (int)config.GetInt("queries", 3, 1, 10);

        // Every probe of a run needs its own port (UDP) or sequence number (ICMP).
        if (targets.Count * maxHops * queries > 65535 - BasePort)
        {
            throw config.Error("target", $"× max_hops × queries ({targets.Count} × {maxHops} × {queries}) exceeds {65535 - BasePort} probes per run");
        }

        // Not "timeout": that common key is the whole run's deadline.
        var timeout = config.GetDuration("probe_timeout", TimeSpan.FromSeconds(1));
        if (timeout <= TimeSpan.Zero)
        {
            throw config.Error("probe_timeout", "must be positive");
        }

        var interval = config.GetDuration("interval", TimeSpan.Zero);
        if (interval < TimeSpan.Zero || interval * maxHops * queries >= config.Timeout)
        {
            throw config.Error("interval", $"× max_hops × queries must fit in the collector's timeout ({config.Timeout.TotalSeconds:0.###} s)");
        }

        var icmp = config.GetChoice("protocol", "udp", "udp", "icmp") == "icmp";
        return new TraceSettings(targets, maxHops, queries, icmp, timeout, interval);
    }
}
