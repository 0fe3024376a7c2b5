using Fathom.Collectors.Common.Processes;
using Fathom.Core.Collectors;
using Fathom.Core.Configuration;
using Fathom.Core.Processes;

namespace Fathom.Collectors.Status;

/// <summary>Reads one &lt;agent&gt; block: its type, status_type and the keys of its type.</summary>
internal static partial class AgentConfig
{
    private static readonly string[] Types = ["script", "constant", "snmp"];
    private static readonly string[] ScriptKeys = ["type", "status_type", "timeout", "command", "arguments"];
    private static readonly string[] ConstantKeys = ["type", "status_type", "value"];

    public static IStatusAgent Read(CollectorConfig config, BlockKeys keys, string element)
    {
        var problems = new ConfigProblems();
        var type = problems.Read(() => Type(keys), null);
        var kinds = problems.Read<StatusKinds?>(() => Kinds(keys), null);
        var name = $"{type ?? "agent"} agent at {keys.Location} of element '{element}'";
        if (kinds is null)
        {
            // Without a status_type a value cannot be checked; the type's keys still can.
            Unknown(keys, type switch { "script" => ScriptKeys, "constant" => ConstantKeys, "snmp" => SnmpKeys, _ => [.. keys.Settings.Select(s => s.Key)] }, type ?? "", problems);
            problems.ThrowIfAny();
        }

        IStatusAgent? agent = type switch
        {
            "script" => problems.Read(() => Script(config, keys, name, kinds!.Value, problems), null),
            "constant" => problems.Read(() => Constant(keys, name, kinds!.Value, problems), null),
            "snmp" => problems.Read(() => Snmp(config, keys, name, kinds!.Value, problems), null),
            _ => null,
        };
        problems.ThrowIfAny();
        return agent!;
    }

    private static string Type(BlockKeys keys)
    {
        var type = keys.Required("type");
        foreach (var t in Types)
        {
            if (string.Equals(t, type, StringComparison.OrdinalIgnoreCase))
            {
                return t;
            }
        }

        throw keys.Find("type")!.Error($"must be one of {string.Join(", ", Types)}, not '{type}'");
    }

    private static StatusKinds Kinds(BlockKeys keys)
    {
        var text = keys.Required("status_type");
        return StatusWords.TryKinds(text, out var kinds)
            ? kinds
            : throw keys.Find("status_type")!.Error($"must be one of {string.Join(", ", StatusWords.Kinds)}, not '{text}'");
    }

    private static ConstantAgent Constant(BlockKeys keys, string name, StatusKinds kinds, ConfigProblems problems)
    {
        Unknown(keys, ConstantKeys, "constant", problems);
        var text = keys.Required("value");
        var value = keys.Find("value")!;
        if (text.Split(',').Length != (kinds == StatusKinds.Both ? 2 : 1))
        {
            throw value.Error(kinds == StatusKinds.Both
                ? $"must be oper,admin for status_type oper/admin (e.g. up,normaloperation), not '{text}'"
                : $"must be one {StatusWords.Name(kinds)} state for status_type {StatusWords.Name(kinds)}, not '{text}'");
        }

        // The same words and checks as a script's line, with a placeholder time.
        return ScriptStatusLine.TryParse("1," + text, kinds, out var reading, out var error)
            ? new ConstantAgent(name, kinds, reading)
            : throw value.Error(error);
    }

    private static ScriptAgent Script(CollectorConfig config, BlockKeys keys, string name, StatusKinds kinds, ConfigProblems problems)
    {
        Unknown(keys, ScriptKeys, "script", problems);
        var timeout = problems.Read(() => Timeout(config, keys), config.Timeout * 0.8);
        var arguments = problems.Read(() => Arguments(keys), []);
        var command = Command(config, keys);
        return new ScriptAgent(name, kinds, command, ScriptSpawn.Options(command, arguments, null, config.BaseDirectory), timeout);
    }

    private static void Unknown(BlockKeys keys, string[] accepted, string type, ConfigProblems problems)
    {
        foreach (var e in keys.Unknown(accepted, $" of type {type}"))
        {
            problems.Add(e);
        }
    }

    /// <summary>Default 80% of the collector's timeout, so an agent fails into unknown before the run is abandoned.</summary>
    private static TimeSpan Timeout(CollectorConfig config, BlockKeys keys)
    {
        if (keys.Find("timeout") is not { } s)
        {
            return config.Timeout * 0.8;
        }

        var text = keys.Optional("timeout")!;
        if (!ValueParsers.TryParseDuration(text, out var timeout) || timeout <= TimeSpan.Zero)
        {
            throw s.Error($"must be a positive duration (seconds, or a number with ms, s, m), not '{text}'");
        }

        return timeout < config.Timeout
            ? timeout
            : throw s.Error($"({timeout.TotalSeconds} s) must be shorter than the collector's timeout ({config.Timeout.TotalSeconds} s), so a slow agent reads unknown instead of losing the poll");
    }

    private static List<string> Arguments(BlockKeys keys)
    {
        try
        {
            return ShellWords.Split(keys.Optional("arguments") ?? "");
        }
        catch (FormatException e)
        {
            throw keys.Find("arguments")!.Error(e.Message);
        }
    }

    /// <summary>A relative path resolves against the config file's folder; a bare name not found there, on PATH.</summary>
    private static string Command(CollectorConfig config, BlockKeys keys)
    {
        var command = keys.Required("command");
        var at = keys.Find("command")!;
        if (!command.Contains('/', StringComparison.Ordinal) && !File.Exists(config.ResolvePath(command)))
        {
            return ExecutableSearch.Find(command)
                ?? throw at.Error($"'{command}' is neither a file in {config.BaseDirectory} nor found on PATH");
        }

        var path = config.ResolvePath(command);
        if (!File.Exists(path))
        {
            throw at.Error($"{path} does not exist");
        }

        return ExecutableSearch.IsExecutableFile(path) ? path : throw at.Error($"{path} is not executable");
    }
}
