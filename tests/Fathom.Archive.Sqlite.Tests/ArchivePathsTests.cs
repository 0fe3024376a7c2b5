namespace Fathom.Archive.Tests;

public sealed class ArchivePathsTests
{
    [Fact]
    public void Default_Root_UsesVarLib() =>
        Assert.Equal("/var/lib/fathom/archive.db", ArchivePaths.Default(isRoot: true, _ => "/ignored"));

    [Fact]
    public void Default_UserWithXdgDataHome_UsesIt() =>
        Assert.Equal("/data/me/fathom/archive.db", ArchivePaths.Default(isRoot: false, Env(("XDG_DATA_HOME", "/data/me"), ("HOME", "/home/me"))));

    [Fact]
    public void Default_UserWithRelativeXdgDataHome_FallsBackToHome() =>
        Assert.Equal("/home/me/.local/share/fathom/archive.db", ArchivePaths.Default(isRoot: false, Env(("XDG_DATA_HOME", "data"), ("HOME", "/home/me"))));

    [Fact]
    public void Default_UserWithoutXdgDataHome_UsesLocalShare() =>
        Assert.Equal("/home/me/.local/share/fathom/archive.db", ArchivePaths.Default(isRoot: false, Env(("HOME", "/home/me"))));

    [Fact]
    public void Default_CurrentProcess_EndsWithArchiveFileName() =>
        Assert.EndsWith("/fathom/archive.db", ArchivePaths.Default(), StringComparison.Ordinal);

    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;
}
