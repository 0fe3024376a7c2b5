using Fathom.Daemon.Native;

namespace Fathom.Daemon.Tests.Native;

public sealed class FileAccessCallsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fathom-access-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void OwnerAndMode_Folder_NamesOwnerGroupAndOctalMode()
    {
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_000);
        var user = Environment.UserName;

        var text = FileAccessCalls.OwnerAndMode(_root);

        Assert.Matches($"^owner {user}:[^ ]+, mode 0750$", text);
    }

    [Fact]
    public void OwnerAndMode_Missing_IsNull()
    {
        Assert.Null(FileAccessCalls.OwnerAndMode(Path.Combine(_root, "nope")));
    }

    [Fact]
    public void IsRegularFile_LinkToAFile_IsFalse()
    {
        var file = Path.Combine(_root, "f");
        File.WriteAllText(file, "x");
        var link = Path.Combine(_root, "l");
        File.CreateSymbolicLink(link, file);

        Assert.Equal((true, false, false), (FileAccessCalls.IsRegularFile(file), FileAccessCalls.IsRegularFile(link), FileAccessCalls.IsRegularFile(_root)));
    }

    [Fact]
    public void Denied_MissingPath_SaysWhy()
    {
        Assert.Equal("No such file or directory", FileAccessCalls.Denied(Path.Combine(_root, "nope"), FileAccessCalls.WriteOk));
        Assert.Null(FileAccessCalls.Denied(_root, FileAccessCalls.WriteOk | FileAccessCalls.ExecuteOk));
    }
}
