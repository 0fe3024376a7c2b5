using Fathom.Core.Collectors;
using Fathom.Core.Configuration;

namespace Fathom.Collectors.Trace;

/// <summary>The keys of a trace block, validated.</summary>
internal sealed record TraceSettings(IReadOnlyList<string> Targets, int MaxHops, int Queries, bool Icmp, TimeSpan ProbeTimeout, TimeSpan Interval)
{
    /// <summary>UDP probes go to ports from here up, one per probe, like traceroute.</summary>
    public const int BasePort = 33434;

    /// <summary>Reads every key, reporting every mistake at once (<see cref="ConfigErrors"/> when more than one).</summary>
    public static TraceSettings Read(CollectorConfig config)
    {
        var problems = new ConfigProblems();
        var targets = problems.Read(() => ReadTargets(config), []);
        var maxHops = problems.Read<int?>(() => (int)config.GetInt("max_hops", 30, 1, 255), null);
        var queries = problems.Read<int?>(() => (int)config.GetInt("queries", 3, 1, 10), null);

        // Every probe of a run needs its own port (UDP) or sequence number (ICMP).
        if (maxHops is { } h && queries is { } q && targets.Count * h * q > 65535 - BasePort)
        {
            problems.Add(config.Error("target", $"× max_hops × queries ({targets.Count} × {h} × {q}) exceeds {65535 - BasePort} probes per run"));
        }

        // Not "timeout": that common key is the whole run's deadline.
        var timeout = problems.Read(() => ReadProbeTimeout(config), TimeSpan.FromSeconds(1));
        var interval = problems.Read<TimeSpan?>(() => config.GetDuration("interval", TimeSpan.Zero), null);
        if (interval is { } i && maxHops is { } hops && queries is { } perHop && (i < TimeSpan.Zero || i * hops * perHop >= config.Timeout))
        {
            problems.Add(config.Error("interval", $"× max_hops × queries must fit in the collector's timeout ({config.Timeout.TotalSeconds:0.###} s)"));
        }

        var icmp = problems.Read(() => config.GetChoice("protocol", "udp", "udp", "icmp"), "udp") == "icmp";
        problems.ThrowIfAny();
        return new TraceSettings(targets, maxHops ?? 30, queries ?? 3, icmp, timeout, interval ?? TimeSpan.Zero);
    }

    private static IReadOnlyList<string> ReadTargets(CollectorConfig config)
    {
        var targets = config.GetStrings("target");
        if (targets.Count == 0)
        {
            throw config.Missing("target");
        }

        return targets.Distinct(StringComparer.Ordinal).Count() == targets.Count ? targets : throw config.Error("target", "names a target twice");
    }

    private static TimeSpan ReadProbeTimeout(CollectorConfig config)
    {
        var timeout = config.GetDuration("probe_timeout", TimeSpan.FromSeconds(1));
        return timeout >= DaemonConfigLoader.MinTimeout
            ? timeout
            : throw config.Error("probe_timeout", $"must be at least {DaemonConfigLoader.MinTimeout.TotalMilliseconds:0} ms (not {timeout.TotalMilliseconds:0.###} ms)");
    }
}
