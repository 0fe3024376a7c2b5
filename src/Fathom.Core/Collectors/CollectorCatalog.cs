using Fathom.Core.Configuration;

namespace Fathom.Core.Collectors;

/// <summary>
/// The modules a configuration may name: built-ins by name, or a plugin written as
/// "Namespace.Type, path/to/Assembly.dll" (relative to the config file), whose type implements
/// <see cref="ICollector"/> and may expose a static <c>Descriptor</c> property to declare its keys.
/// Plugins are resolved here only by name: fathom-plugin-host loads, checks and runs them.
/// </summary>
public sealed class CollectorCatalog(IEnumerable<CollectorDescriptor> builtins)
{
    private readonly Dictionary<string, CollectorDescriptor> _byName =
        builtins.ToDictionary(d => d.Module, StringComparer.Ordinal);

    public IEnumerable<string> KnownModules => _byName.Keys.Order(StringComparer.Ordinal);

    public CollectorDescriptor Resolve(string module, ConfigLocation location, string baseDirectory)
    {
        if (_byName.TryGetValue(module, out var d))
        {
            return d;
        }

        if (!IsPluginModule(module))
        {
            throw new ConfigException(location, $"unknown module '{module}' (known modules: {string.Join(", ", KnownModules)}; or 'Type, path/to/Assembly.dll')");
        }

        var plugin = PluginDescriptor(module);
        _byName[module] = plugin;
        return plugin;
    }

    /// <summary>True for "Type, path/to/Assembly.dll": a plugin, which runs in fathom-plugin-host.</summary>
    public static bool IsPluginModule(string module) => module.Contains(',', StringComparison.Ordinal);

    /// <summary>
    /// A plugin is not loaded here: NativeAOT fathomd has no JIT. Its descriptor accepts every key
    /// and cannot make an instance; the plugin host loads, validates and runs it in a child.
    /// </summary>
    private static CollectorDescriptor PluginDescriptor(string module) =>
        new(module, [], () => throw new InvalidOperationException($"plugin '{module}' runs in fathom-plugin-host, not in this process"))
        {
            AcceptsAnyKey = true,
        };
}
