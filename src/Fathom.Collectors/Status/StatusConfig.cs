using Fathom.Core.Collectors;
using Fathom.Core.Configuration;

namespace Fathom.Collectors.Status;

/// <summary>Reads the &lt;element&gt; blocks of a status collector, every mistake at its file:line, all at once.</summary>
internal static class StatusConfig
{
    private static readonly string[] ElementKeys = ["id", "agent"];

    public static List<StatusElement> Elements(CollectorConfig config, ConfigProblems problems)
    {
        var elements = new List<StatusElement>();
        if (config.Find("element") is not { } setting)
        {
            problems.Add(new ConfigException(config.Location, $"collector '{config.Id}' (module status) needs at least one <element> block"));
            return elements;
        }

        var seen = new Dictionary<string, ConfigLocation>(StringComparer.Ordinal);
        foreach (var block in problems.Read(() => BlockKeys.Blocks(setting), []))
        {
            var keys = new BlockKeys("element", block);
            foreach (var e in keys.Unknown(ElementKeys, ""))
            {
                problems.Add(e);
            }

            var ids = problems.Read(() => Ids(keys), []);
            foreach (var id in ids)
            {
                if (seen.TryGetValue(id, out var first))
                {
                    problems.Add(keys.Find("id")!.Error($"'{id}' is already the id of the element at {first}; an id belongs to one element"));
                }
                else
                {
                    seen[id] = keys.Location;
                }
            }

            var label = ids.Count > 0 ? ids[0] : $"at {keys.Location}";
            var agents = new List<IStatusAgent>();
            if (keys.Find("agent") is not { } agentSetting)
            {
                problems.Add(keys.Missing("at least one <agent> block"));
            }
            else
            {
                foreach (var agentBlock in problems.Read(() => BlockKeys.Blocks(agentSetting), []))
                {
                    if (problems.Read(() => AgentConfig.Read(config, new BlockKeys("agent", agentBlock), label), null) is { } agent)
                    {
                        agents.Add(agent);
                    }
                }
            }

            elements.Add(new StatusElement(ids, agents));
        }

        return elements;
    }

    private static List<string> Ids(BlockKeys keys)
    {
        if (keys.Find("id") is not { } s)
        {
            throw keys.Missing("at least one 'id'");
        }

        if (s.Node is ConfigObject || (s.Node is ConfigArray a && a.Items.Any(i => i is not ConfigScalar)))
        {
            throw s.Error("must be a value, not a block");
        }

        var ids = new List<string>(s.Values.Count);
        foreach (var v in s.Values)
        {
            ids.Add(v is { Length: > 0 } ? v : throw s.Error("needs a value"));
        }

        return ids;
    }
}
