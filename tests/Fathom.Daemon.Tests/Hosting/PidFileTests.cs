using Fathom.Daemon.Hosting;

namespace Fathom.Daemon.Tests.Hosting;

/// <summary>Whether the pid file's folder is fathomd's own: only a folder this start created may go to --user.</summary>
public sealed class PidFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fathom-pid-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Acquire_MissingFolder_CreatesItAndSaysSo()
    {
        using var pid = PidFile.Acquire(Path.Combine(_root, "run", "fathom.pid"));

        Assert.True(pid.CreatedFolder);
        Assert.True(File.Exists(pid.Path));
    }

    [Fact]
    public void Acquire_ExistingFolder_IsNotCreatedHere()
    {
        using var pid = PidFile.Acquire(Path.Combine(_root, "fathom.pid"));

        Assert.False(pid.CreatedFolder);
    }
}
