using Fathom.Collectors.Net;
using Fathom.Core.Collectors;

namespace Fathom.Collectors.Ping;

/// <summary>The keys of a ping block, validated.</summary>
internal sealed record PingSettings(IReadOnlyList<string> Targets, int Count, TimeSpan Interval, int Size, int Ttl, TimeSpan ProbeTimeout)
{
    /// <summary>The largest payload (size), in bytes.</summary>
    public const int MaxSize = 65_000;

    public static PingSettings Read(CollectorConfig config, IcmpSocketKind kind)
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

        var interval = config.GetDuration("interval", TimeSpan.FromSeconds(1));

        // iputils' floors: flooding needs privilege.
        var floor = kind == IcmpSocketKind.Raw ? TimeSpan.FromMilliseconds(10) : TimeSpan.FromMilliseconds(200);
        if (interval < floor)
        {
            throw config.Error("interval", $"must be at least {floor.TotalSeconds:0.###} s {(kind == IcmpSocketKind.Raw ? "" : "without CAP_NET_RAW ")}(not {interval.TotalSeconds:0.###} s)");
        }

        // Not "timeout": that common key is the whole run's deadline.
        var timeout = config.GetDuration("probe_timeout", TimeSpan.FromSeconds(1));
        if (timeout <= TimeSpan.Zero)
        {
            throw config.Error("probe_timeout", "must be positive");
        }

        var count = (int)config.GetInt("count", 5, 1, 10_000);
        if ((count - 1) * interval >= config.Timeout)
        {
            throw config.Error("count", $"× interval ({count} × {interval.TotalSeconds:0.###} s) does not fit in the collector's timeout ({config.Timeout.TotalSeconds:0.###} s)");
        }

        return new PingSettings(
            targets,
            count,
            interval,
            (int)config.GetInt("size", 56, 0, MaxSize),
            (int)config.GetInt("ttl", 64, 1, 255),
            timeout);
    }
}
