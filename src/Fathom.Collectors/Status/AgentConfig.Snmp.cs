using Fathom.Collectors.Common.Snmp;
using Fathom.Core.Collectors;
using Fathom.Core.Configuration;

namespace Fathom.Collectors.Status;

internal static partial class AgentConfig
{
    private static readonly string[] SnmpKeys = ["type", "status_type", "timeout", "address", "port", "community", "community_file", "interface", "retries"];

    private static SnmpStatusAgent Snmp(CollectorConfig config, BlockKeys keys, string name, StatusKinds kinds, ConfigProblems problems)
    {
        Unknown(keys, SnmpKeys, "snmp", problems);
        var address = problems.Read(() => keys.Required("address"), "");
        var port = problems.Read(() => Whole(keys, "port", 161, 1, 65535), 161);
        var retries = problems.Read(() => Whole(keys, "retries", 2, 0, 10), 2);
        var iface = problems.Read(() => keys.Required("interface"), "");
        var community = problems.Read(() => Community(config, keys), "");
        var timeout = problems.Read(() => RequestTimeout(config, keys, retries), TimeSpan.FromSeconds(1));
        return new SnmpStatusAgent(name, kinds, address, (int)port, community, iface, timeout, (int)retries);
    }

    private static long Whole(BlockKeys keys, string key, long fallback, long min, long max)
    {
        if (keys.Optional(key) is not { } text)
        {
            return fallback;
        }

        return ValueParsers.TryParseInt(text, out var v) && v >= min && v <= max
            ? v
            : throw keys.Find(key)!.Error($"must be a whole number between {min} and {max}, not '{text}'");
    }

    /// <summary>community, or the first line of community_file (kept out of the config file); exactly one.</summary>
    private static string Community(CollectorConfig config, BlockKeys keys)
    {
        var inline = keys.Optional("community");
        var file = keys.Optional("community_file");
        if (inline is not null && file is not null)
        {
            throw keys.Find("community_file")!.Error("cannot be given beside 'community'; use one");
        }

        if (file is null)
        {
            return inline ?? throw keys.Missing("'community' or 'community_file'");
        }

        var (community, problem) = CommunityFile.Read(config.ResolvePath(file));
        return community ?? throw keys.Find("community_file")!.Error(problem!);
    }

    /// <summary>
    /// Per request: default 1 s, shortened so every try fits in 80% of the collector's timeout (a
    /// dead agent then reads unknown within the run); a given timeout must fit in the collector's.
    /// </summary>
    private static TimeSpan RequestTimeout(CollectorConfig config, BlockKeys keys, long retries)
    {
        if (keys.Optional("timeout") is not { } text)
        {
            var fit = config.Timeout * 0.8 / (retries + 1);
            return fit < TimeSpan.FromSeconds(1) ? fit : TimeSpan.FromSeconds(1);
        }

        if (!ValueParsers.TryParseDuration(text, out var timeout) || timeout <= TimeSpan.Zero)
        {
            throw keys.Find("timeout")!.Error($"must be a positive duration, not '{text}'");
        }

        return timeout * (retries + 1) < config.Timeout
            ? timeout
            : throw keys.Find("timeout")!.Error($"({timeout.TotalSeconds} s) × {retries + 1} tries must be shorter than the collector's timeout ({config.Timeout.TotalSeconds} s)");
    }
}
