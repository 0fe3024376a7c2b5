using Fathom.Collectors.Net;
using Fathom.Core.Collectors;
using Fathom.Core.Configuration;

namespace Fathom.Collectors.Ping;

/// <summary>The keys of a ping block, validated.</summary>
internal sealed record PingSettings(IReadOnlyList<string> Targets, int Count, TimeSpan Interval, int Size, int Ttl, TimeSpan ProbeTimeout)
{
    /// <summary>The largest payload (size), in bytes.</summary>
    public const int MaxSize = 65_000;

    /// <summary>Reads every key, reporting every mistake at once (<see cref="ConfigErrors"/> when more than one).</summary>
    public static PingSettings Read(CollectorConfig config, IcmpSocketKind kind)
    {
        var problems = new ConfigProblems();
        var targets = problems.Read(() => ReadTargets(config), []);
        var interval = problems.Read<TimeSpan?>(() => ReadInterval(config, kind), null);

        // Not "timeout": that common key is the whole run's deadline.
        var timeout = problems.Read(() => ReadProbeTimeout(config), TimeSpan.FromSeconds(1));
        var count = problems.Read<int?>(() => (int)config.GetInt("count", 5, 1, 10_000), null);
        if (count is { } c && interval is { } i && (c - 1) * i >= config.Timeout)
        {
            problems.Add(config.Error("count", $"× interval ({c} × {i.TotalSeconds:0.###} s) does not fit in the collector's timeout ({config.Timeout.TotalSeconds:0.###} s)"));
        }

        var size = problems.Read(() => (int)config.GetInt("size", 56, 0, MaxSize), 56);
        var ttl = problems.Read(() => (int)config.GetInt("ttl", 64, 1, 255), 64);
        problems.ThrowIfAny();
        return new PingSettings(targets, count ?? 5, interval ?? TimeSpan.FromSeconds(1), size, ttl, timeout);
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

    private static TimeSpan ReadInterval(CollectorConfig config, IcmpSocketKind kind)
    {
        var interval = config.GetDuration("interval", TimeSpan.FromSeconds(1));

        // iputils' floors: flooding needs privilege.
        var floor = kind == IcmpSocketKind.Raw ? TimeSpan.FromMilliseconds(10) : TimeSpan.FromMilliseconds(200);
        return interval >= floor
            ? interval
            : throw config.Error("interval", $"must be at least {floor.TotalSeconds:0.###} s {(kind == IcmpSocketKind.Raw ? "" : "without CAP_NET_RAW ")}(not {interval.TotalSeconds:0.###} s)");
    }

    private static TimeSpan ReadProbeTimeout(CollectorConfig config)
    {
        var timeout = config.GetDuration("probe_timeout", TimeSpan.FromSeconds(1));
        return timeout >= DaemonConfigLoader.MinTimeout
            ? timeout
            : throw config.Error("probe_timeout", $"must be at least {DaemonConfigLoader.MinTimeout.TotalMilliseconds:0} ms (not {timeout.TotalMilliseconds:0.###} ms)");
    }
}
