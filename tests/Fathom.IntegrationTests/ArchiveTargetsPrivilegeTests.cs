namespace Fathom.IntegrationTests;

/// <summary>--user/--group with two archive targets: the spool folders fathomd creates are the service user's, and it spools into them.</summary>
public sealed class ArchiveTargetsPrivilegeTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task User_TwoTargets_SpoolFoldersHandedToTheUserAndWritten()
    {
        using var dir = new TempDir();
        File.SetUnixFileMode(dir.Path, (UnixFileMode)0b111_101_101);
        var state = dir.File("state");
        var config = dir.Write("fathom.conf", $"""
            collection_interval 1
            shutdown_timeout 5
            <mmv>
                enabled no
            </mmv>
            <archive>
                name local
                path {state}/archive.db
                spool_dir {state}/spool/local
            </archive>
            <archive>
                type postgresql
                name central
                connection "Host=127.0.0.1;Port=1;Database=x;Username=fathom;Timeout=1"
                spool_dir {state}/spool/central
                retry_policy "forever x 1s"
            </archive>
            {Configs.Noop("u")}
            """);

        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}", $"--user={ServiceUser.Ensured}", $"--group={ServiceUser.Ensured}", $"--piddir={dir.File("run")}"]);
        await daemon.WaitForOutputAsync("ready", Long);
        await Wait.UntilAsync(() => ArchiveProbe.Points(Path.Combine(state, "archive.db"), "noop.value") >= 2, Long, "points delivered to the local target as the service user");
        await daemon.WaitForOutputAsync("archive central unreachable:", Long);

        foreach (var folder in new[] { "spool", "spool/local", "spool/central" })
        {
            Assert.StartsWith($"{ServiceUser.Name}:{ServiceUser.Name} ", ServiceUser.OwnerAndMode(Path.Combine(state, folder)), StringComparison.Ordinal);
        }

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(state, "spool/central"), "*.seg"));
        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        Assert.Contains("archive central stopped:", daemon.Output, StringComparison.Ordinal);
        Assert.Contains("left in the spool for the next start", daemon.Output, StringComparison.Ordinal);
    }
}
