namespace Fathom.Core.Collectors;

/// <summary>
/// A module that can be named in a &lt;collector&gt; block: its name, the keys it accepts beyond
/// the common ones, and how to make an instance.
/// </summary>
public sealed class CollectorDescriptor(string module, IReadOnlyCollection<string> keys, Func<ICollector> factory)
{
    /// <summary>The keys every collector block accepts.</summary>
    public static IReadOnlySet<string> CommonKeys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "module", "collection_interval", "timeout", "schedule", "jitter", "isolation",
    };

    /// <summary>The name a <c>module</c> key gives.</summary>
    public string Module { get; } = module;

    /// <summary>The keys the module accepts beyond <see cref="CommonKeys"/>.</summary>
    public IReadOnlySet<string> Keys { get; } = new HashSet<string>(keys, StringComparer.Ordinal);

    /// <summary>Makes one instance per &lt;collector&gt; block.</summary>
    public Func<ICollector> Factory { get; } = factory;

    /// <summary>True for plugins that declare no keys: every key is passed through to Init.</summary>
    public bool AcceptsAnyKey { get; init; }

    /// <summary>Whether a block of this module may set <paramref name="key"/>.</summary>
    public bool Accepts(string key) => AcceptsAnyKey || CommonKeys.Contains(key) || Keys.Contains(key);
}
