using System.Net;
using Fathom.Collectors.Common.Snmp;
using Fathom.Core.Collectors;
using Fathom.Core.Configuration;
using Fathom.Core.Measurements;

namespace Fathom.Collectors.Snmp;

/// <summary>Reads and checks the snmp collector's keys, every mistake at once, each at its file:line.</summary>
internal static class SnmpConfig
{
    public static readonly string[] Keys =
        ["address", "port", "community", "community_file", "version", "retries", "interface", "oid", "check_all_interfaces"];

    public static SnmpSettings Read(CollectorConfig config)
    {
        var problems = new ConfigProblems();
        var address = problems.Read(() => Address(config), "");
        var port = (int)problems.Read(() => config.GetInt("port", 161, 1, 65535), 161);
        var community = problems.Read(() => Community(config), "");
        problems.Check(() => Version(config));
        var retries = (int)problems.Read(() => config.GetInt("retries", 1, 0, 10), 1);
        var interfaces = problems.Read(() => Interfaces(config), []);
        var extras = problems.Read(() => Extras(config), []);
        var all = problems.Read(() => config.GetBool("check_all_interfaces", false), false);
        if (problems.Errors.Count == 0)
        {
            // Only when the lists were read: a bad line is its own mistake, not a missing key.
            problems.Check(() => Coverage(config, interfaces, extras, all));
        }

        problems.ThrowIfAny();
        return new SnmpSettings(address, port, community, TryTimeout(config, retries), retries, interfaces, extras, all);
    }

    // 'timeout' is the run's timeout: the tries of one request share 80% of it, so a failure is still reported.
    private static TimeSpan TryTimeout(CollectorConfig config, int retries) => config.Timeout * 0.8 / (retries + 1);

    private static string Address(CollectorConfig config)
    {
        var address = config.GetRequiredString("address");
        return IPAddress.TryParse(address, out _) || Uri.CheckHostName(address) == UriHostNameType.Dns
            ? address
            : throw config.Error("address", $"must be a host name or an IP address, not '{address}'");
    }

    private static string Community(CollectorConfig config)
    {
        var text = config.GetOptionalString("community");
        var file = config.GetOptionalString("community_file");
        if (text is not null && file is not null)
        {
            throw config.Error("community_file", "cannot be given with 'community'; keep one");
        }

        if (text is not null)
        {
            return text;
        }

        if (file is null)
        {
            throw config.Missing("community' or 'community_file");
        }

        var (community, problem) = CommunityFile.Read(config.ResolvePath(file));
        return community ?? throw config.Error("community_file", problem!);
    }

    private static void Version(CollectorConfig config)
    {
        var version = config.GetString("version", "2c");
        if (!string.Equals(version, "2c", StringComparison.OrdinalIgnoreCase))
        {
            throw config.Error("version", $"must be 2c (the only SNMP version supported), not '{version}'");
        }
    }

    private static List<InterfaceSpec> Interfaces(CollectorConfig config)
    {
        var list = new List<InterfaceSpec>();
        var values = config.GetStrings("interface");
        for (var i = 0; i < values.Count; i++)
        {
            var spec = InterfaceSpec.Parse(values[i].Trim());
            if (list.Any(s => s.Text == spec.Text))
            {
                throw ItemError(config, "interface", i, $"'{spec.Text}' is listed twice");
            }

            list.Add(spec);
        }

        return list;
    }

    private static List<ExtraOid> Extras(CollectorConfig config)
    {
        var list = new List<ExtraOid>();
        var values = config.GetStrings("oid");
        for (var i = 0; i < values.Count; i++)
        {
            var parts = values[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3)
            {
                throw ItemError(config, "oid", i, $"takes NAME OID UNIT (e.g. uptime 1.3.6.1.2.1.1.3.0 count), not '{values[i]}'");
            }

            var (name, text, unit) = (parts[0], parts[1].TrimStart('.'), parts[2]);
            if (!ValidName(name))
            {
                throw ItemError(config, "oid", i, $"name '{name}' must be lower-case letters, digits, '_' and '.', not starting with 'if.'");
            }

            if (!Oid.TryParse(text, out var oid, out var error))
            {
                throw ItemError(config, "oid", i, $"'{parts[1]}' is not a numeric OID: {error}");
            }

            if (!Units.All.Contains(unit))
            {
                throw ItemError(config, "oid", i, $"unit must be one of {string.Join(", ", Units.All)}, not '{unit}'");
            }

            if (list.Any(e => e.Name == name))
            {
                throw ItemError(config, "oid", i, $"name '{name}' is used twice");
            }

            list.Add(new ExtraOid(name, oid, unit));
        }

        return list;
    }

    private static bool ValidName(string name) =>
        !name.StartsWith("if.", StringComparison.Ordinal) && name[0] != '.' && name[^1] != '.'
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.');

    private static void Coverage(CollectorConfig config, List<InterfaceSpec> interfaces, List<ExtraOid> extras, bool all)
    {
        if (all && interfaces.Count > 0)
        {
            throw config.Error("interface", "is not used with check_all_interfaces yes (every interface is polled)");
        }

        if (!all && interfaces.Count == 0 && extras.Count == 0)
        {
            throw config.Missing("interface', 'oid' or 'check_all_interfaces");
        }
    }

    // A repeated key's own line when the parser kept it, else the key's first line.
    private static ConfigException ItemError(CollectorConfig config, string key, int index, string problem) =>
        config.Find(key)?.Node is ConfigArray array && index < array.Items.Count
            ? new ConfigException(array.Items[index].Location, $"'{key}' {problem}")
            : config.Error(key, problem);
}
