namespace Fathom.TestPlugins;

/// <summary>A public type of the plugin assembly that is no collector.</summary>
public sealed class NotACollector
{
    /// <summary>Something for the type to hold.</summary>
    public int Value { get; set; }
}
