namespace Fathom.Core.Configuration;

/// <summary>The values of a key (or the blocks of a name) given more than once, in file order.</summary>
public sealed class ConfigArray(ConfigLocation location) : ConfigNode(location)
{
    /// <summary>The values or blocks, in file order.</summary>
    public List<ConfigNode> Items { get; } = [];
}
