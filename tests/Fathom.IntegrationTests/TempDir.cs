namespace Fathom.IntegrationTests;

/// <summary>A fresh folder per test, removed afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fathom-it-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        var path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>
    /// Kills (by pid) any process a test left running whose command line names this folder — a
    /// detached daemon whose test failed before stopping it must not outlive the test run.
    /// </summary>
    public void Dispose()
    {
        foreach (var pid in ProcTable.WithCommandContaining(Path))
        {
            _ = DaemonProcess.kill(pid, Sig.Kill);
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
