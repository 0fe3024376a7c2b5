namespace Fathom.Core.Configuration;

/// <summary>A block: keys in the order they first appear.</summary>
public sealed class ConfigObject(ConfigLocation location) : ConfigNode(location)
{
    private readonly Dictionary<string, ConfigNode> _byKey = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>The keys, in the order they first appear.</summary>
    public IReadOnlyList<string> Keys => _order;

    /// <summary>The number of keys.</summary>
    public int Count => _order.Count;

    /// <summary>The node of <paramref name="key"/>; throws when absent.</summary>
    public ConfigNode this[string key] => _byKey[key];

    /// <summary>The node of <paramref name="key"/>, when present.</summary>
    public bool TryGet(string key, out ConfigNode node) => _byKey.TryGetValue(key, out node!);

    /// <summary>Sets or replaces a key, keeping its first position.</summary>
    public void Set(string key, ConfigNode node)
    {
        if (!_byKey.ContainsKey(key))
        {
            _order.Add(key);
        }

        _byKey[key] = node;
    }

    /// <summary>Removes <paramref name="key"/>; false when absent.</summary>
    public bool Remove(string key)
    {
        if (!_byKey.Remove(key))
        {
            return false;
        }

        _order.Remove(key);
        return true;
    }

    /// <summary>The keys and their nodes, in order.</summary>
    public IEnumerable<KeyValuePair<string, ConfigNode>> Entries()
    {
        foreach (var key in _order)
        {
            yield return new(key, _byKey[key]);
        }
    }
}
