namespace Fathom.Core.Configuration;

/// <summary>
/// A node of the raw parse tree, shaped like Config::General's: a block is an object, a repeated
/// key or block is an array, a named block &lt;name id&gt; is {name: {id: {...}}}, a value a string.
/// </summary>
public abstract class ConfigNode(ConfigLocation location)
{
    /// <summary>Where the node starts (for a block, its opening line).</summary>
    public ConfigLocation Location { get; } = location;
}

/// <summary>A scalar value; null for a key written without a value.</summary>
public sealed class ConfigScalar(ConfigLocation location, string? value) : ConfigNode(location)
{
    public string? Value { get; } = value;
}

/// <summary>The values of a key (or the blocks of a name) given more than once, in file order.</summary>
public sealed class ConfigArray(ConfigLocation location) : ConfigNode(location)
{
    public List<ConfigNode> Items { get; } = [];
}

/// <summary>A block: keys in the order they first appear.</summary>
public sealed class ConfigObject(ConfigLocation location) : ConfigNode(location)
{
    private readonly Dictionary<string, ConfigNode> _byKey = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public IReadOnlyList<string> Keys => _order;

    public int Count => _order.Count;

    public ConfigNode this[string key] => _byKey[key];

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

    public bool Remove(string key)
    {
        if (!_byKey.Remove(key))
        {
            return false;
        }

        _order.Remove(key);
        return true;
    }

    public IEnumerable<KeyValuePair<string, ConfigNode>> Entries()
    {
        foreach (var key in _order)
        {
            yield return new(key, _byKey[key]);
        }
    }
}
