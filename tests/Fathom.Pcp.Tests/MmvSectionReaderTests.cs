using Fathom.Core.Configuration;
using Fathom.Pcp.Mmv;

namespace Fathom.Pcp.Tests;

/// <summary>The &lt;mmv&gt; block, read by PCP's own section reader.</summary>
public sealed class MmvSectionReaderTests
{
    private const string File = "/tmp/x/test.conf";
    private readonly List<ConfigException> _errors = [];

    private MmvSettings Read(ConfigNode? node) =>
        (MmvSettings)new MmvSectionReader().Read(node, new ConfigSectionContext(File, _errors, []));

    /// <summary>&lt;mmv&gt; at line 10, its keys on the lines after.</summary>
    private static ConfigObject Block(params (string Key, string Value)[] keys)
    {
        var block = new ConfigObject(new ConfigLocation(File, 10));
        var line = 11;
        foreach (var (key, value) in keys)
        {
            block.Set(key, new ConfigScalar(new ConfigLocation(File, line++), value));
        }

        return block;
    }

    [Fact]
    public void Read_NoBlock_Defaults()
    {
        Assert.Equal(MmvSettings.Default, Read(null));
        Assert.Empty(_errors);
    }

    [Fact]
    public void Read_Block_EnabledNameAndDirRelativeToTheFile()
    {
        var mmv = Read(Block(("enabled", "no"), ("name", "probe1"), ("dir", "../pcp")));

        Assert.Equal(new MmvSettings(false, "probe1", "/tmp/pcp"), mmv);
        Assert.Empty(_errors);
    }

    [Fact]
    public void Read_Mistakes_EveryOneAtItsLine()
    {
        Read(Block(("enabled", "maybe"), ("name", "../x"), ("colour", "red")));

        Assert.Equal(
        [
            $"{File}:11: 'enabled' must be yes or no, not 'maybe'",
            $"{File}:12: 'name' must be a plain file name, not '../x'",
            $"{File}:13: unknown key 'colour' in <mmv> (known: enabled, name, dir)",
        ], _errors.Select(x => x.Message));
    }

    [Fact]
    public void Read_MmvAsAKey_ErrorAtItsLine()
    {
        Assert.Equal(MmvSettings.Default, Read(new ConfigScalar(new ConfigLocation(File, 4), "yes")));

        Assert.Equal([$"{File}:4: 'mmv' must be a block: <mmv> name fathom dir DIR enabled yes </mmv>"], _errors.Select(x => x.Message));
    }
}
