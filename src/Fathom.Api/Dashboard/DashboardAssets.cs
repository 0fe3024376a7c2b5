using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Fathom.Api.Dashboard;

/// <summary>
/// The dashboard's files, embedded in this assembly by Dashboard.targets as resources named
/// "dashboard/PATH". Manifest resources are plain data in the image (no reflection over types),
/// so the NativeAOT daemon serves them as the JIT build does. Read on first use, then kept.
/// </summary>
internal sealed class DashboardAssets
{
    public const string Prefix = "dashboard/";
    public const string IndexPath = "index.html";

    private static readonly Lazy<DashboardAssets> Embedded = new(() => Load(typeof(DashboardAssets).Assembly));

    private readonly FrozenDictionary<string, DashboardAsset> _files;

    private DashboardAssets(FrozenDictionary<string, DashboardAsset> files) => _files = files;

    /// <summary>The files this assembly carries.</summary>
    public static DashboardAssets Instance => Embedded.Value;

    public int Count => _files.Count;

    public DashboardAsset? Index => Find(IndexPath);

    public DashboardAsset? Find(string path) => _files.GetValueOrDefault(path);

    public static DashboardAssets Load(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var files = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            var path = name[Prefix.Length..];
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12));
            files[path] = new DashboardAsset(path, bytes, ContentTypes.For(path), new EntityTagHeaderValue($"\"{hash}\""));
        }

        return new DashboardAssets(files.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
