namespace Fathom.IntegrationTests;

/// <summary>
/// --user/--group as root: fathomd hands to the service user only the folders it creates itself,
/// never an existing one, and refuses to start, naming path and user, where that user cannot write.
/// </summary>
public sealed class PrivilegeTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task User_ArchiveInExistingRootFolder_RefusesNamingPathAndUserOwnerUnchanged()
    {
        using var dir = new TempDir();
        var shared = dir.File("shared");
        Directory.CreateDirectory(shared);
        File.SetUnixFileMode(shared, (UnixFileMode)0b111_101_101);
        var config = Write(dir, Path.Combine(shared, "archive.db"));

        var (code, output) = await DaemonProcess.RunAsync(Args(config, dir.File("run")), Long);

        Assert.True(code == 1, output);
        Assert.Contains($"user '{ServiceUser.Name}' cannot write {shared} (owner root:root, mode 0755)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.Equal("root:root 755", ServiceUser.OwnerAndMode(shared));
        Assert.Equal("root:root 755", ServiceUser.OwnerAndMode(dir.Path));
        Assert.False(File.Exists(Path.Combine(shared, "archive.db")), output);
    }

    [Fact]
    public async Task User_ArchiveFolderItCreates_HandedToTheUserParentUnchanged()
    {
        using var dir = new TempDir();
        var state = dir.File("state");
        var config = Write(dir, Path.Combine(state, "archive.db"));

        using var daemon = DaemonProcess.Start(Args(config, dir.File("run")));
        await daemon.WaitForOutputAsync("ready");
        await Wait.UntilAsync(() => ArchiveProbe.Points(Path.Combine(state, "archive.db"), "noop.value") >= 2, Long, "points written as the service user");

        Assert.StartsWith($"{ServiceUser.Name}:{ServiceUser.Name} ", ServiceUser.OwnerAndMode(state), StringComparison.Ordinal);
        Assert.StartsWith($"{ServiceUser.Name}:{ServiceUser.Name} ", ServiceUser.OwnerAndMode(Path.Combine(state, "archive.db")), StringComparison.Ordinal);
        Assert.StartsWith($"{ServiceUser.Name}:{ServiceUser.Name} ", ServiceUser.OwnerAndMode(dir.File("run")), StringComparison.Ordinal);
        Assert.Equal("root:root 755", ServiceUser.OwnerAndMode(dir.Path));
        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        Assert.False(File.Exists(dir.File("run/fathom.pid")), "the service user removes its pid file");
    }

    [Fact]
    public async Task User_SharedFolderWritableByItsGroup_StartsOwnerUnchanged()
    {
        using var dir = new TempDir();
        var shared = dir.File("shared");
        Directory.CreateDirectory(shared);
        _ = Chown(shared, 0, ServiceUser.Gid);
        File.SetUnixFileMode(shared, (UnixFileMode)0b111_111_101);
        var config = Write(dir, Path.Combine(shared, "archive.db"));

        using var daemon = DaemonProcess.Start(Args(config, dir.File("run")));
        await daemon.WaitForOutputAsync("ready");
        await Wait.UntilAsync(() => ArchiveProbe.Points(Path.Combine(shared, "archive.db"), "noop.value") >= 2, Long, "points written into the shared folder");

        Assert.Equal($"root:{ServiceUser.Name} 775", ServiceUser.OwnerAndMode(shared));
        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        Assert.Equal($"root:{ServiceUser.Name} 775", ServiceUser.OwnerAndMode(shared));
    }

    [Fact]
    public async Task User_ExistingRootPidFolder_RefusesNamingItOwnerUnchanged()
    {
        using var dir = new TempDir();
        var config = Write(dir, dir.File("state/archive.db"));

        var (code, output) = await DaemonProcess.RunAsync(Args(config, dir.Path), Long);

        Assert.True(code == 1, output);
        Assert.Contains($"user '{ServiceUser.Name}' cannot write {dir.Path} (owner root:root, mode 0755)", output, StringComparison.Ordinal);
        Assert.Contains("pid file", output, StringComparison.Ordinal);
        Assert.Equal("root:root 755", ServiceUser.OwnerAndMode(dir.Path));
    }

    [Fact]
    public async Task User_ConfiguredMmvFolderNotWritable_RefusesNamingIt()
    {
        using var dir = new TempDir();
        var mmv = dir.File("mmv");
        Directory.CreateDirectory(mmv);
        File.SetUnixFileMode(mmv, (UnixFileMode)0b111_101_101);
        var config = Write(dir, dir.File("state/archive.db"), $"<mmv>\n  dir {mmv}\n</mmv>");

        var (code, output) = await DaemonProcess.RunAsync(Args(config, dir.File("run")), Long);

        Assert.True(code == 1, output);
        Assert.Contains($"user '{ServiceUser.Name}' cannot write {mmv} (owner root:root, mode 0755)", output, StringComparison.Ordinal);
        Assert.Equal("root:root 755", ServiceUser.OwnerAndMode(mmv));
    }

    [Fact]
    public async Task User_LockFileLeftByARootRun_HandedToTheUserAndTakenOver()
    {
        // A root run killed with -9 leaves its archive and lock file owned by root in the folder.
        using var dir = new TempDir();
        var state = dir.File("state");
        Directory.CreateDirectory(state);
        _ = Chown(state, ServiceUser.Uid, ServiceUser.Gid);
        var archive = Path.Combine(state, "archive.db");
        File.WriteAllText(archive + ".lock", "2147483646\n");
        File.SetUnixFileMode(archive + ".lock", (UnixFileMode)0b110_100_100);
        var config = Write(dir, archive);

        using var daemon = DaemonProcess.Start(Args(config, dir.File("run")));
        await daemon.WaitForOutputAsync("ready");
        await Wait.UntilAsync(() => ArchiveProbe.Points(archive, "noop.value") >= 1, Long, "points written as the service user");

        Assert.StartsWith($"{ServiceUser.Name}:{ServiceUser.Name} ", ServiceUser.OwnerAndMode(archive + ".lock"), StringComparison.Ordinal);
        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
    }

    [Fact]
    public async Task User_NotStartedAsRoot_RefusesBeforeCreatingAnything()
    {
        using var dir = new TempDir();
        var state = dir.File("state");
        var config = Write(dir, Path.Combine(state, "archive.db"));

        var (code, output) = await DaemonProcess.RunAsync(
            ["--reuid=65534", "--regid=65534", "--clear-groups", Binaries.Fathomd, "--foreground", $"--config={config}", "--ignorepid", $"--user={ServiceUser.Name}", $"--group={ServiceUser.Name}"], Long, binary: "/usr/bin/setpriv");

        Assert.True(code == 1, output);
        Assert.Contains("--user/--group need fathomd to start as root", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(state), output);
    }

    private static string[] Args(string config, string pidDir) =>
        ["--foreground", $"--config={config}", $"--user={ServiceUser.Ensured}", $"--group={ServiceUser.Ensured}", $"--piddir={pidDir}"];

    private static string Write(TempDir dir, string archive, string extra = "<mmv>\n  enabled no\n</mmv>")
    {
        File.SetUnixFileMode(dir.Path, (UnixFileMode)0b111_101_101);
        return dir.Write("fathom.conf", $"""
        collection_interval 1
        shutdown_timeout 5
        <archive>
            type sqlite
            path {archive}
        </archive>
        {extra}
        {Configs.Noop("u")}
        """);
    }

    private static int Chown(string path, uint uid, uint gid) => chown(path, uid, gid);

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int chown([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);
}
