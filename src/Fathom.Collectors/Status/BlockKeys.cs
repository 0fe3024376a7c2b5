using Fathom.Core.Configuration;

namespace Fathom.Collectors.Status;

/// <summary>The keys of a nested block (&lt;element&gt;, &lt;agent&gt;) as settings, read with file:line errors.</summary>
internal sealed class BlockKeys
{
    private readonly Dictionary<string, ConfigSetting> _settings = new(StringComparer.Ordinal);

    public BlockKeys(string name, ConfigObject block)
    {
        Name = name;
        Location = block.Location;
        foreach (var (key, node) in block.Entries())
        {
            _settings[key] = ConfigSetting.From(key, node);
        }
    }

    public string Name { get; }

    public ConfigLocation Location { get; }

    public IEnumerable<ConfigSetting> Settings => _settings.Values;

    public ConfigSetting? Find(string key) => _settings.GetValueOrDefault(key);

    public string? Optional(string key)
    {
        if (Find(key) is not { } s)
        {
            return null;
        }

        return s.Node is ConfigObject ? throw s.Error("must be a value, not a block") : s.Single();
    }

    public string Required(string key) => Optional(key) ?? throw Missing($"'{key}'");

    public ConfigException Missing(string what) => new(Location, $"<{Name}> needs {what}");

    /// <summary>Each key the block sets that is not in <paramref name="accepted"/>, as an error naming what is.</summary>
    public IEnumerable<ConfigException> Unknown(IReadOnlyCollection<string> accepted, string context)
    {
        foreach (var s in _settings.Values)
        {
            if (!accepted.Contains(s.Key))
            {
                yield return s.Error($"is not a key of <{Name}>{context} (it accepts: {string.Join(", ", accepted)})");
            }
        }
    }

    /// <summary>The blocks of a setting written once or repeated; an error when it is a plain value.</summary>
    public static IReadOnlyList<ConfigObject> Blocks(ConfigSetting setting)
    {
        return setting.Node switch
        {
            ConfigObject o => [o],
            ConfigArray a when a.Items.All(i => i is ConfigObject) => [.. a.Items.Cast<ConfigObject>()],
            _ => throw setting.Error($"must be a block: <{setting.Key}> ... </{setting.Key}>"),
        };
    }
}
