namespace Fathom.Core.Configuration;

/// <summary>
/// One key of a collector's merged configuration: its values (one per occurrence; a repeated
/// key is a list), where it was written, and its block when the key names a nested block.
/// </summary>
public sealed class ConfigSetting(string key, IReadOnlyList<string?> values, ConfigLocation location, ConfigNode? node = null)
{
    /// <summary>The key's name.</summary>
    public string Key { get; } = key;

    /// <summary>One value per occurrence, in file order.</summary>
    public IReadOnlyList<string?> Values { get; } = values;

    /// <summary>Where the key is written (its first occurrence).</summary>
    public ConfigLocation Location { get; } = location;

    /// <summary>The raw node (an object for a nested block); null for plain scalars built in code.</summary>
    public ConfigNode? Node { get; } = node;

    /// <summary>The single value; an error naming the place when the key is repeated or empty.</summary>
    public string Single()
    {
        if (Values.Count != 1)
        {
            throw new ConfigException(Location, $"'{Key}' is given {Values.Count} times; it takes one value");
        }

        return Values[0] is { Length: > 0 } v
            ? v
            : throw new ConfigException(Location, $"'{Key}' needs a value");
    }

    /// <summary>An error about this key at its line: file:line: 'key' problem.</summary>
    public ConfigException Error(string problem) => new(Location, $"'{Key}' {problem}");
}
