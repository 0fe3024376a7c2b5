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
