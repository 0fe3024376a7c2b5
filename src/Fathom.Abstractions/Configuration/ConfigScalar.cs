namespace Fathom.Core.Configuration;

/// <summary>A scalar value; null for a key written without a value.</summary>
public sealed class ConfigScalar(ConfigLocation location, string? value) : ConfigNode(location)
{
    /// <summary>The value; null for a key written without one.</summary>
    public string? Value { get; } = value;
}
