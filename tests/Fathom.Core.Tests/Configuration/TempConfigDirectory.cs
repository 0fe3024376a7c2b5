using System.Text;

namespace Fathom.Core.Tests.Configuration;

/// <summary>A temporary folder of configuration files, removed on dispose.</summary>
internal sealed class TempConfigDirectory : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public TempConfigDirectory() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "fathom-cg-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="text"/> as UTF-8 to a relative path and returns its full path.</summary>
    public string Write(string relativePath, string text) => WriteBytes(relativePath, Utf8.GetBytes(text));

    public string WriteBytes(string relativePath, byte[] bytes)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
