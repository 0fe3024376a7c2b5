using System.Reflection;
using System.Runtime.Loader;
using Fathom.Core.Configuration;

namespace Fathom.Core.Collectors;

/// <summary>
/// The modules a configuration may name: built-ins by name, or a plugin written as
/// "Namespace.Type, path/to/Assembly.dll" (relative to the config file), whose type implements
/// <see cref="ICollector"/> and may expose a static <c>Descriptor</c> property to declare its keys.
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

        var comma = module.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            throw new ConfigException(location, $"unknown module '{module}' (known modules: {string.Join(", ", KnownModules)}; or 'Type, path/to/Assembly.dll')");
        }

        var plugin = LoadPlugin(module[..comma].Trim(), module[(comma + 1)..].Trim(), location, baseDirectory);
        _byName[module] = plugin;
        return plugin;
    }

    private static CollectorDescriptor LoadPlugin(string typeName, string assemblyPath, ConfigLocation location, string baseDirectory)
    {
        var path = Path.IsPathRooted(assemblyPath) ? assemblyPath : Path.GetFullPath(Path.Combine(baseDirectory, assemblyPath));
        if (!File.Exists(path))
        {
            throw new ConfigException(location, $"module assembly '{path}' does not exist");
        }

        Assembly assembly;
        try
        {
            assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        }
        catch (BadImageFormatException e)
        {
            throw new ConfigException(location, $"module assembly '{path}' cannot be loaded: {e.Message}");
        }

        var type = assembly.GetType(typeName, throwOnError: false)
            ?? throw new ConfigException(location, $"type '{typeName}' not found in '{path}'");
        if (!typeof(ICollector).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ConfigException(location, $"type '{typeName}' does not implement Fathom.Core.Collectors.ICollector");
        }

        if (type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is CollectorDescriptor declared)
        {
            return declared;
        }

        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ConfigException(location, $"type '{typeName}' needs a public parameterless constructor");
        }

        return new CollectorDescriptor($"{typeName}, {assemblyPath}", [], () => (ICollector)Activator.CreateInstance(type)!)
        {
            AcceptsAnyKey = true,
        };
    }
}
