using System.Text.RegularExpressions;
using Fathom.Core.Collectors;

namespace Fathom.Collectors.Throughput;

/// <summary>Reads and checks the throughput collector's keys, with file:line errors.</summary>
internal static partial class ThroughputConfig
{
    public static readonly string[] Keys = ["target", "port", "duration", "streams", "reverse", "udp", "bandwidth", "iperf3"];

    public static ThroughputSettings Read(CollectorConfig config)
    {
        var target = config.GetRequiredString("target");
        if (target.Length == 0 || target.StartsWith('-') || target.Any(char.IsWhiteSpace))
        {
            throw config.Error("target", $"'{target}' is not a host name or address");
        }

        var duration = config.GetDuration("duration", TimeSpan.FromSeconds(10));
        if (duration < TimeSpan.FromSeconds(1) || duration.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw config.Error("duration", $"must be a whole number of seconds, at least 1 (iperf3 -t), not {duration.TotalSeconds} s");
        }

        var bandwidth = config.GetOptionalString("bandwidth");
        if (bandwidth is not null && !BandwidthPattern().IsMatch(bandwidth))
        {
            throw config.Error("bandwidth", $"must be a rate in bits/s with an optional K, M, G or T (e.g. 100M), not '{bandwidth}'");
        }

        var iperf3 = config.GetOptionalString("iperf3");
        return new ThroughputSettings(
            target,
            (int)config.GetInt("port", 5201, 1, 65535),
            duration,
            (int)config.GetInt("streams", 1, 1, 128),
            config.GetBool("reverse", false),
            config.GetBool("udp", false),
            bandwidth,
            iperf3 is null ? null : config.ResolvePath(iperf3),
            Timeout(config, duration));
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
