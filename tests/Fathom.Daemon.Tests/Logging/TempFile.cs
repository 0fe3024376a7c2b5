namespace Fathom.Daemon.Tests.Logging;

/// <summary>A file with the given text in a fresh temporary folder, removed on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string text, string name = "logger.conf")
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fathom-dt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Path = System.IO.Path.Combine(Folder, name);
        File.WriteAllText(Path, text);
    }

    public string Folder { get; }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
