using System.Buffers.Binary;
using System.Diagnostics;
using Fathom.Pcp.Mmv;
using Fathom.Pcp.Tests.Support;

namespace Fathom.Pcp.Tests;

/// <summary>The MMV file names its owner's pid: a live owner's file is never replaced or removed, a dead one's is taken over.</summary>
public sealed class MmvWriterOwnershipTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SampleRegistry _sample = new("fathom");
    private readonly List<Process> _children = [];

    public void Dispose()
    {
        foreach (var child in _children)
        {
            if (!child.HasExited)
            {
                child.Kill();
                child.WaitForExit();
            }

            child.Dispose();
        }

        _folder.Dispose();
    }

    [Fact]
    public void Constructor_FileOfLiveProcess_ThrowsInUseAndLeavesIt()
    {
        var owner = StartSleeper();
        var path = WriteForeignFile(owner.Id);
        var before = File.ReadAllBytes(path);

        var e = Assert.Throws<MmvInUseException>(() => new MmvWriter(_sample.Registry, _folder.Path));

        Assert.Equal(owner.Id, e.OwnerPid);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains($"process {owner.Id}", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Empty(Directory.GetFiles(_folder.Path, ".*"));
    }

    [Fact]
    public void Constructor_FileOfDeadProcess_TakesItOver()
    {
        using var gone = Process.Start(Processes.Info("/bin/true", []))!;
        gone.WaitForExit();
        var path = WriteForeignFile(gone.Id);

        using var writer = new MmvWriter(_sample.Registry, _folder.Path);

        Assert.Equal(Environment.ProcessId, MmvReader.Read(path).ProcessId);
    }

    [Fact]
    public void Constructor_PidStartedAfterTheFileWasWritten_TakesItOver()
    {
        // The pid was reused (a reboot, a wrap-around): the process now holding it started after the file's last write.
        var stranger = StartSleeper();
        var path = WriteForeignFile(stranger.Id);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));

        using var writer = new MmvWriter(_sample.Registry, _folder.Path);

        Assert.Equal(Environment.ProcessId, MmvReader.Read(path).ProcessId);
    }

    [Fact]
    public void Constructor_FileWithoutProcessFlag_TakesItOver()
    {
        var path = WriteForeignFile(StartSleeper().Id, MmvFlags.None);

        using var writer = new MmvWriter(_sample.Registry, _folder.Path);

        Assert.Equal(Environment.ProcessId, MmvReader.Read(path).ProcessId);
    }

    [Fact]
    public void Dispose_FileReplacedByLiveProcess_LeavesIt()
    {
        var writer = new MmvWriter(_sample.Registry, _folder.Path);
        var path = WriteForeignFile(StartSleeper().Id);
        var before = File.ReadAllBytes(path);

        writer.Dispose();

        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Dispose_SameContentAtPathButAnotherFile_LeavesIt()
    {
        // A copy carries our pid and generation, yet it is not the file we created.
        var writer = new MmvWriter(_sample.Registry, _folder.Path);
        var copy = _folder.Combine("copy");
        File.Copy(writer.Path, copy);
        File.Move(copy, writer.Path, overwrite: true);

        writer.Dispose();

        Assert.True(File.Exists(writer.Path));
    }

    [Fact]
    public void Update_LayoutChangedWhileLiveProcessOwnsThePath_ThrowsInUseAndLeavesIt()
    {
        using var writer = new MmvWriter(_sample.Registry, _folder.Path);
        var owner = StartSleeper();
        var path = WriteForeignFile(owner.Id);
        var before = File.ReadAllBytes(path);
        _sample.Registry.Remove(m => m.Indom is not null);

        var e = Assert.Throws<MmvInUseException>(writer.Update);

        Assert.Equal(owner.Id, e.OwnerPid);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    private Process StartSleeper()
    {
        var child = Process.Start(Processes.Info("/bin/sleep", ["60"]))!;
        _children.Add(child);
        return child;
    }

    /// <summary>Writes DIR/fathom as another process would: our layout, its pid.</summary>
    private string WriteForeignFile(int pid, MmvFlags flags = MmvFlags.Process)
    {
        var other = new TempFolder();
        byte[] bytes;
        using (var writer = new MmvWriter(new SampleRegistry("fathom").Registry, other.Path))
        {
            bytes = File.ReadAllBytes(writer.Path);
        }

        other.Dispose();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(MmvFormat.ProcessOffset), pid);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(MmvFormat.FlagsOffset), (int)flags);
        var path = _folder.Combine("fathom");
        var temp = _folder.Combine(".foreign");
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
        return path;
    }
}
