namespace Fathom.Archive.Tests.Spool;

/// <summary>A small tmpfs mounted on a temporary folder (a disk that fills), unmounted on dispose.</summary>
internal sealed class Tmpfs : IDisposable
{
    public Tmpfs(string size)
    {
        Directory.CreateDirectory(Root);
        Privileged.Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", Root);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "fathom-tmpfs-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Privileged.Run("umount", Root);
        Directory.Delete(Root);
    }
}
