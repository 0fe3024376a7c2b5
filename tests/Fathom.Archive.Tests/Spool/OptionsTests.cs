using Fathom.Archive.Spool;

namespace Fathom.Archive.Tests.Spool;

public sealed class OptionsTests
{
    [Fact]
    public void Validate_EveryBadSetting_NamedAtOnce()
    {
        var errors = new SpoolOptions { Folder = " ", SyncInterval = TimeSpan.Zero, MaxBytes = 10, SegmentBytes = 1 }.Validate();
        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("spool_sync:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("spool_max_bytes:", StringComparison.Ordinal));
        Assert.Empty(new SpoolOptions { Folder = "/x" }.Validate());
        Assert.Throws<ArgumentException>(() => DiskSpool.Open(new SpoolOptions { Folder = "/x", MaxBytes = 1 }));
    }

    [Fact]
    public void Open_BadStateFile_RefusedNamingFileAndLine()
    {
        using var folder = new SpoolFolder();
        using (RecoveryTests.Open(folder))
        {
        }

        var state = Path.Combine(folder.Path, SpoolStateFile.FileName);
        File.WriteAllText(state, File.ReadAllText(state).Replace("acknowledged 0", "acknowledged zero", StringComparison.Ordinal));
        var e = Assert.Throws<SpoolException>(() => RecoveryTests.Open(folder));
        Assert.Contains($"{state}:3:", e.Message, StringComparison.Ordinal);
        Assert.Contains("zero", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FolderUnderAFile_RefusedNamingTheFolder()
    {
        using var folder = new SpoolFolder();
        var file = Path.Combine(folder.Root, "plain");
        File.WriteAllText(file, "");
        var e = Assert.Throws<SpoolException>(() => DiskSpool.Open(new SpoolOptions { Folder = Path.Combine(file, "spool") }));
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
    }
}
