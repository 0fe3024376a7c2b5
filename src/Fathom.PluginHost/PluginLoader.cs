using System.Reflection;
using Fathom.Core.Collectors;
using Fathom.Core.Configuration;

namespace Fathom.PluginHost;

/// <summary>
/// Makes the collector a "Namespace.Type, path/to/Assembly.dll" module names (the path relative
/// to the config file), in its own collectible <see cref="PluginLoadContext"/>. Every mistake is
/// a <see cref="ConfigException"/> at the module key's file:line.
/// </summary>
internal static class PluginLoader
{
    public static ICollector Create(CollectorConfig config)
    {
        var where = config.Find("module")?.Location ?? config.Location;
        var comma = config.Module.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            throw new ConfigException(where, $"module '{config.Module}' is not a plugin ('Type, path/to/Assembly.dll')");
        }

        var typeName = config.Module[..comma].Trim();
        var assemblyPath = config.Module[(comma + 1)..].Trim();
        var path = Path.IsPathRooted(assemblyPath) ? assemblyPath : Path.GetFullPath(Path.Combine(config.BaseDirectory, assemblyPath));
        if (!File.Exists(path))
        {
            throw new ConfigException(where, $"module assembly '{path}' does not exist");
        }

        if (PluginImage.Problem(path, typeof(ICollector).Assembly.GetName().Version!) is { } problem)
        {
            throw new ConfigException(where, $"module assembly '{path}' {problem}");
        }

        Assembly assembly;
        try
        {
            assembly = new PluginLoadContext(path).LoadFromAssemblyPath(path);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            throw new ConfigException(where, $"module assembly '{path}' cannot be loaded: {e.Message}");
        }

        var type = assembly.GetType(typeName, throwOnError: false)
            ?? throw new ConfigException(where, $"type '{typeName}' not found in '{path}'");
        if (!typeof(ICollector).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ConfigException(where, $"type '{typeName}' does not implement {typeof(ICollector).FullName}");
        }

        if (type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is CollectorDescriptor declared)
        {
            ThrowIfUnknownKeys(config, declared);
            return declared.Factory();
        }

        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ConfigException(where, $"type '{typeName}' needs a public parameterless constructor");
        }

        return (ICollector)Activator.CreateInstance(type)!;
    }

    /// <summary>A plugin that declares its keys refuses the others, as a built-in module does.</summary>
    private static void ThrowIfUnknownKeys(CollectorConfig config, CollectorDescriptor declared)
    {
        var errors = config.Settings.Values
            .Where(s => !declared.Accepts(s.Key))
            .Select(s => new ConfigException(s.Location, $"unknown key '{s.Key}' for module {config.Module} in collector '{config.Id}' (it accepts: {string.Join(", ", declared.Keys.Concat(CollectorDescriptor.CommonKeys).Order(StringComparer.Ordinal))})"))
            .ToList();
        if (errors.Count > 0)
        {
            throw new ConfigErrors(errors);
        }
    }
}
