using Fathom.Core.Native;
using Fathom.Daemon.Hosting;
using Fathom.Daemon.Native;

namespace Fathom.Daemon.Tests.Hosting;

public sealed class PidPathsTests
{
    [Fact]
    public void Resolve_FlagsWinOverConfig()
    {
        Assert.Equal("/flag/dir/flag.pid", PidPaths.Resolve("/flag/dir", "flag.pid", "/conf/dir", "conf.pid"));
    }

    [Fact]
    public void Resolve_ConfigUsedWhenNoFlags()
    {
        Assert.Equal("/conf/dir/conf.pid", PidPaths.Resolve(null, null, "/conf/dir", "conf.pid"));
    }

    [Fact]
    public void Resolve_MixedSources_EachPartFromItsOwnBestSource()
    {
        Assert.Equal("/flag/dir/conf.pid", PidPaths.Resolve("/flag/dir", null, "/conf/dir", "conf.pid"));
        Assert.Equal("/conf/dir/flag.pid", PidPaths.Resolve(null, "flag.pid", "/conf/dir", null));
    }

    [Fact]
    public void Resolve_AbsoluteName_IgnoresTheDirectory()
    {
        Assert.Equal("/elsewhere/x.pid", PidPaths.Resolve("/flag/dir", "/elsewhere/x.pid", null, null));
    }

    [Fact]
    public void Resolve_RelativeDirectory_MadeAbsolute()
    {
        Assert.Equal(Path.GetFullPath("run/fathom.pid"), PidPaths.Resolve("run", null, null, null));
    }

    [Fact]
    public void Resolve_DotsNormalised()
    {
        Assert.Equal("/a/c/fathom.pid", PidPaths.Resolve("/a/b/../c/.", null, null, null));
    }

    [Fact]
    public void Resolve_Nothing_DefaultFolderAndName()
    {
        Assert.Equal(Path.Combine(PidPaths.DefaultDirectory(), "fathom.pid"), PidPaths.Resolve(null, null, null, null));
    }

    [Fact]
    public void DefaultDirectory_ForThisUser()
    {
        var expected = Libc.geteuid() == 0
            ? "/run/fathom"
            : Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime
                ? Path.Combine(runtime, "fathom")
                : $"/tmp/fathom-{Libc.geteuid()}";

        Assert.Equal(expected, PidPaths.DefaultDirectory());
    }
}
