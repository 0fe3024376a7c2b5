using System.Text.RegularExpressions;
using Fathom.Core.Collectors;
using Fathom.Core.Configuration;

namespace Fathom.Collectors.Throughput;

/// <summary>Reads and checks the throughput collector's keys, with file:line errors.</summary>
internal static partial class ThroughputConfig
{
    public static readonly string[] Keys = ["target", "port", "duration", "streams", "reverse", "udp", "bandwidth", "iperf3"];

    /// <summary>Reads every key, reporting every mistake at once (<see cref="ConfigErrors"/> when more than one).</summary>
    public static ThroughputSettings Read(CollectorConfig config)
    {
        var problems = new ConfigProblems();
        var target = problems.Read(() => Target(config), "");
        var duration = problems.Read<TimeSpan?>(() => Duration(config), null);
        var bandwidth = problems.Read(() => Bandwidth(config), null);
        var iperf3 = problems.Read(() => config.GetOptionalString("iperf3"), null);
        var settings = new ThroughputSettings(
            target,
            problems.Read(() => (int)config.GetInt("port", 5201, 1, 65535), 5201),
            duration ?? TimeSpan.FromSeconds(10),
            problems.Read(() => (int)config.GetInt("streams", 1, 1, 128), 1),
            problems.Read(() => config.GetBool("reverse", false), false),
            problems.Read(() => config.GetBool("udp", false), false),
            bandwidth,
            iperf3 is null ? null : config.ResolvePath(iperf3),
            duration is { } d ? problems.Read(() => Timeout(config, d), d) : TimeSpan.FromSeconds(20));
        problems.ThrowIfAny();
        return settings;
    }

    private static string Target(CollectorConfig config)
    {
        var target = config.GetRequiredString("target");
        return target.Length == 0 || target.StartsWith('-') || target.Any(char.IsWhiteSpace)
            ? throw config.Error("target", $"'{target}' is not a host name or address")
            : target;
    }

    private static TimeSpan Duration(CollectorConfig config)
    {
        var duration = config.GetDuration("duration", TimeSpan.FromSeconds(10));
        return duration < TimeSpan.FromSeconds(1) || duration.Ticks % TimeSpan.TicksPerSecond != 0
            ? throw config.Error("duration", $"must be a whole number of seconds, at least 1 (iperf3 -t), not {duration.TotalSeconds} s")
            : duration;
    }

    private static string? Bandwidth(CollectorConfig config)
    {
        var bandwidth = config.GetOptionalString("bandwidth");
        return bandwidth is not null && !BandwidthPattern().IsMatch(bandwidth)
            ? throw config.Error("bandwidth", $"must be a rate in bits/s with an optional K, M, G or T (e.g. 100M), not '{bandwidth}'")
            : bandwidth;
    }

    private static TimeSpan Timeout(CollectorConfig config, TimeSpan duration)
    {
        var timeout = config.GetDuration("timeout", duration + TimeSpan.FromSeconds(10));
        // 'timeout' is also the run's timeout: iperf3 is stopped a little earlier, so its failure is still recorded.
        var run = config.Timeout * 0.9;
        var effective = timeout < run ? timeout : run;
        if (effective <= duration)
        {
            throw config.Error(config.Has("timeout") ? "timeout" : "duration", $"leaves iperf3 no time to finish: a {duration.TotalSeconds} s test needs a timeout (and so a run timeout or collection_interval) above {duration.TotalSeconds} s, but iperf3 would be stopped after {effective.TotalSeconds} s");
        }

        return effective;
    }

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?[KMGTkmgt]?$")]
    private static partial Regex BandwidthPattern();
}
