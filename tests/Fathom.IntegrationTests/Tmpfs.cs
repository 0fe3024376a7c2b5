using System.Diagnostics;

namespace Fathom.IntegrationTests;

/// <summary>A small tmpfs mounted for a test (we run as root): a real full disk.</summary>
internal sealed class Tmpfs : IDisposable
{
    private Tmpfs(string path) => Path = path;

    public string Path { get; }

    public static Tmpfs Mount(string path, string size)
    {
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path);
        return new Tmpfs(path);
    }

    /// <summary>Writes zeros into a file until the file system refuses (ENOSPC).</summary>
    public void Fill()
    {
        var chunk = new byte[4096];
        using var file = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true)
            {
                file.Write(chunk);
            }
        }
        catch (IOException)
        {
        }
    }

    public void Dispose() => Run("umount", "-l", Path);

    private static void Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var error = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(30_000) || p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {error}");
        }
    }
}
