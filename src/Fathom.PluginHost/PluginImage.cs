using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Fathom.PluginHost;

/// <summary>
/// Reads a plugin file's metadata before anything loads it: a file that is no .NET assembly, and
/// a plugin built against a contract this host does not have, get a sentence instead of a
/// BadImageFormatException or a TypeLoadException from deep inside the runtime.
/// </summary>
internal static class PluginImage
{
    public const string ContractName = "Fathom.Abstractions";

    /// <summary>Null when the file may be loaded, else why not (for "module assembly 'PATH' …").</summary>
    public static string? Problem(string path, Version host)
    {
        try
        {
            using var pe = new PEReader(File.OpenRead(path));
            if (!pe.HasMetadata)
            {
                return "is not a .NET assembly (a native library or executable, no .NET metadata)";
            }

            var metadata = pe.GetMetadataReader();
            if (!metadata.IsAssembly)
            {
                return "is a .NET module, not an assembly";
            }

            foreach (var handle in metadata.AssemblyReferences)
            {
                var reference = metadata.GetAssemblyReference(handle);
                if (metadata.StringComparer.Equals(reference.Name, ContractName))
                {
                    return Compatible(reference.Version, host)
                        ? null
                        : $"was built for {ContractName} {reference.Version.ToString(2)}, this fathomd has {host.ToString(2)} (rebuild the plugin against {ContractName} {host.Major}.x, at most {host.ToString(2)})";
                }
            }

            return null;
        }
        catch (BadImageFormatException)
        {
            return "is not a .NET assembly (not a valid PE file)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read: {e.Message}";
        }
    }

    /// <summary>Same major version, minor no newer than the host's: a plugin may use only what the host has (patches add no API).</summary>
    private static bool Compatible(Version built, Version host) => built.Major == host.Major && built.Minor <= host.Minor;
}
