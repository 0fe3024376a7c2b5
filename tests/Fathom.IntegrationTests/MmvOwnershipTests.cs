using System.Buffers.Binary;

namespace Fathom.IntegrationTests;

/// <summary>Two real daemons on one MMV folder: a live owner's file is never replaced or removed; a dead one's is taken over.</summary>
public sealed class MmvOwnershipTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SecondDaemon_SameMmvFile_LeavesTheFirstOwnersFileAlone()
    {
        using var mmv = new TempDir();
        using var dirA = new TempDir();
        using var dirB = new TempDir();
        var file = mmv.File("fathom");
        using var first = DaemonProcess.Start(["--foreground", $"--config={Config(dirA, mmv)}"]);
        await first.WaitForOutputAsync("ready");
        Assert.Equal(first.Pid, OwnerPid(file));
        var inode = Inode(file);

        using var second = DaemonProcess.Start(["--foreground", $"--config={Config(dirB, mmv)}"]);
        await second.WaitForOutputAsync("ready");
        Assert.Contains($"MMV file {file} belongs to running process {first.Pid}", second.Output, StringComparison.Ordinal);
        Assert.Equal((first.Pid, inode), (OwnerPid(file), Inode(file)));
        await Wait.UntilAsync(() => ArchiveProbe.Points(dirB.File("archive.db"), "noop.value") >= 2, Long, "the second daemon still collecting");

        second.Signal(Sig.Term);
        Assert.Equal(0, await second.WaitForExitAsync(Long));
        Assert.Equal((first.Pid, inode), (OwnerPid(file), Inode(file)));

        first.Signal(Sig.Term);
        Assert.Equal(0, await first.WaitForExitAsync(Long));
        Assert.False(File.Exists(file), "the owner removes its file on a clean stop");
    }

    [Fact]
    public async Task WaitingDaemon_OwnerStops_TakesTheFileOver()
    {
        using var mmv = new TempDir();
        using var dirA = new TempDir();
        using var dirB = new TempDir();
        var file = mmv.File("fathom");
        using var first = DaemonProcess.Start(["--foreground", $"--config={Config(dirA, mmv)}"]);
        await first.WaitForOutputAsync("ready");
        using var second = DaemonProcess.Start(["--foreground", $"--config={Config(dirB, mmv)}"]);
        await second.WaitForOutputAsync("ready");
        Assert.Equal(first.Pid, OwnerPid(file));

        first.Signal(Sig.Term);
        Assert.Equal(0, await first.WaitForExitAsync(Long));
        await Wait.UntilAsync(() => File.Exists(file) && OwnerPid(file) == second.Pid, Long, "the waiting daemon to publish");
        Assert.Equal(1, second.Count("belongs to running process")); // warned once, not on every retry

        second.Signal(Sig.Term);
        Assert.Equal(0, await second.WaitForExitAsync(Long));
        Assert.False(File.Exists(file), "the new owner removes its file on a clean stop");
    }

    [Fact]
    public async Task DeadOwnersFile_TakenOverByTheNextDaemon()
    {
        using var mmv = new TempDir();
        using var dirA = new TempDir();
        using var dirB = new TempDir();
        var file = mmv.File("fathom");
        using (var killed = DaemonProcess.Start(["--foreground", $"--config={Config(dirA, mmv)}"]))
        {
            await killed.WaitForOutputAsync("ready");
            killed.Signal(Sig.Kill);
            await killed.WaitForExitAsync(Long);
            Assert.Equal(killed.Pid, OwnerPid(file)); // left behind by the kill
        }

        using var next = DaemonProcess.Start(["--foreground", $"--config={Config(dirB, mmv)}"]);
        await next.WaitForOutputAsync("ready");
        Assert.Equal(next.Pid, OwnerPid(file));
        Assert.DoesNotContain("belongs to running process", next.Output, StringComparison.Ordinal);

        next.Signal(Sig.Term);
        Assert.Equal(0, await next.WaitForExitAsync(Long));
        Assert.False(File.Exists(file), "the new owner removes its file on a clean stop");
    }

    private static string Config(TempDir dir, TempDir mmv) =>
        Configs.Write(dir, Configs.Noop("x"), $"<mmv>\n  name fathom\n  dir {mmv.Path}\n</mmv>");

    /// <summary>The header's process id (mmv(5): a 32-bit field at offset 32).</summary>
    private static int OwnerPid(string file)
    {
        var header = new byte[40];
        using (var stream = File.OpenRead(file))
        {
            stream.ReadExactly(header);
        }

        return BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(32));
    }

    private static long Inode(string path) => new FileInfo(path).Exists ? StatInode(path) : -1;

    private static long StatInode(string path)
    {
        var result = Fathom.Pcp.Tests.Support.Processes.Run("/usr/bin/stat", ["-c", "%i", path]);
        return long.Parse(result.Output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
