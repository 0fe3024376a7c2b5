using System.Reflection;
using System.Runtime.Loader;

namespace Fathom.PluginHost;

/// <summary>
/// A plugin's own collectible load context: its dependencies resolve from its folder (its
/// .deps.json), while the collector contract and everything the host already has come from the
/// default context, so the plugin's ICollector is the host's.
/// </summary>
internal sealed class PluginLoadContext(string pluginPath) : AssemblyLoadContext(Path.GetFileNameWithoutExtension(pluginPath), isCollectible: true)
{
    private readonly AssemblyDependencyResolver _resolver = new(pluginPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        try
        {
            return Default.LoadFromAssemblyName(assemblyName); // the host has it: the contract types must be the host's
        }
        catch (FileNotFoundException)
        {
            return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
        }
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
