namespace Fathom.Archive.Tests.Spool;

/// <summary>A temporary folder for one spool, removed at the end.</summary>
internal sealed class SpoolFolder : IDisposable
{
    public SpoolFolder() => Directory.CreateDirectory(Root);

    public string Root { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fathom-spool-" + Guid.NewGuid().ToString("N"));

    public string Path => System.IO.Path.Combine(Root, "spool");

    public string[] Segments => Directory.Exists(Path)
        ? [.. Directory.GetFiles(Path, "*.seg").Order(StringComparer.Ordinal)]
        : [];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
