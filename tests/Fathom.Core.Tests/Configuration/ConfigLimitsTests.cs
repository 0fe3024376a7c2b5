using System.Text;
using Fathom.Core.Configuration;
using static Fathom.Core.Tests.Configuration.DaemonConfigLoaderSupport;

namespace Fathom.Core.Tests.Configuration;

/// <summary>Bounds on what a configuration may cost, and what the parser and loader warn about.</summary>
public sealed class ConfigLimitsTests
{
    [Theory]
    [InlineData("collection_interval 0.0001ms", "'collection_interval' must be at least 100 ms, not '0.0001ms'")]
    [InlineData("collection_interval 99ms", "'collection_interval' must be at least 100 ms")]
    [InlineData("timeout 9ms", "'timeout' must be at least 10 ms, not '9ms'")]
    public void Load_TimeBelowMinimum_ErrorNamesKeyAndLine(string line, string message)
    {
        var error = SingleError($"{line}\n<collector a>\n    module noop\n</collector>\n", 1);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_IntervalBelowMinimumInBlock_ErrorNamesBlockLine()
    {
        var error = SingleError("collection_interval 1\n<collector a>\n    module noop\n    collection_interval 50ms\n</collector>\n", 4);

        Assert.Contains("must be at least 100 ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TimesAtTheMinimum_Accepted()
    {
        var a = Load("collection_interval 100ms\n<collector a>\n    module noop\n    timeout 10ms\n</collector>\n").Collector("a");

        Assert.Equal((TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(10)), (a.Interval, a.Timeout));
    }

    [Fact]
    public void ParseText_DeepNesting_MemoryGrowsLinearlyWithDepth()
    {
        static long Allocated(int depth)
        {
            var text = new StringBuilder();
            for (var i = 0; i < depth; i++)
            {
                text.Append("<b>\nk v\n");
            }

            text.Insert(text.Length, "</b>\n", depth);
            var file = text.ToString();
            var before = GC.GetAllocatedBytesForCurrentThread();
            ConfigGeneralParser.ParseText(file, ConfigFile);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Allocated(10); // JIT and regex caches first
        var half = Allocated(250);
        var full = Allocated(500);

        // Copying every block's lines for each enclosing block (the reference's way) quadruples this.
        Assert.True(full < half * 2.6, $"250 levels: {half} bytes, 500 levels: {full} bytes");
    }

    [Fact]
    public void ParseText_TooDeep_RefusedAtTheFirstLineBeyondTheBound()
    {
        var text = string.Concat(Enumerable.Repeat("<b>\n", 20_000)) + string.Concat(Enumerable.Repeat("</b>\n", 20_000));

        var error = Assert.Throws<ConfigException>(() => ConfigGeneralParser.ParseText(text, ConfigFile));

        Assert.Equal($"{ConfigFile}:512: blocks nested more than 511 deep", error.Message);
    }

    [Fact]
    public async Task ParseFile_DeepestNestingTheReferencePrints_SameTree()
    {
        using var dir = new TempConfigDirectory();
        var file = dir.Write("deep.conf", string.Concat(Enumerable.Repeat("<b>\n", 511)) + "k v\n" + string.Concat(Enumerable.Repeat("</b>\n", 511)));

        Assert.Null(await ConformanceAssert.MatchesReferenceAsync(file));
    }

    [Fact]
    public void ParseFile_IncludeBeyondTheSizeBound_RefusedAtTheIncludeLine()
    {
        using var dir = new TempConfigDirectory();
        var line = Encoding.ASCII.GetBytes("# a comment line of sixty-four bytes, repeated to pass 16 MiB..\n");
        var big = new byte[(16 * 1024 * 1024) + (line.Length * 2)];
        for (var i = 0; i + line.Length <= big.Length; i += line.Length)
        {
            line.CopyTo(big, i);
        }

        var bigFile = dir.WriteBytes("big.conf", big);
        var main = dir.Write("main.conf", "a 1\n<<include big.conf>>\n");

        var error = Assert.Throws<ConfigException>(() => ConfigGeneralParser.ParseFile(main));

        Assert.Equal($"{main}:2: \"{bigFile}\" makes the configuration larger than 16 MiB (with its includes)", error.Message);
    }

    [Fact]
    public void ParseFile_IncludeOfDevZero_RefusedAtTheIncludeLine()
    {
        using var dir = new TempConfigDirectory();
        var main = dir.Write("main.conf", "a 1\n<<include /dev/zero>>\n");

        var error = Assert.Throws<ConfigException>(() => ConfigGeneralParser.ParseFile(main));

        Assert.Equal($"{main}:2: \"/dev/zero\" is a character device, not a regular file", error.Message);
    }

    [Fact]
    public async Task ParseFile_IncludeCycle_SameTreeAsReference_CycleWarnedWithLine()
    {
        using var dir = new TempConfigDirectory();
        var a = dir.Write("a.conf", "x 1\n<<include b.conf>>\n<<include a.conf>>\n");
        var b = dir.Write("b.conf", "y 2\n<<include a.conf>>\n");
        var warnings = new List<string>();

        await ConformanceAssert.MatchesReferenceAsync(a);
        ConfigGeneralParser.ParseFile(a, warnings);

        Assert.Equal(
            [
                $"{b}:2: include cycle: \"{a}\" is already being read ({a} includes {b} includes {a}); this include is skipped",
                $"{a}:3: include cycle: \"{a}\" is already being read ({a} includes {a}); this include is skipped",
            ],
            warnings);
    }

    [Fact]
    public async Task ParseFile_SameFileIncludedTwice_SameTreeAsReference_Warned()
    {
        using var dir = new TempConfigDirectory();
        var main = dir.Write("main.conf", "<<include c.conf>>\n<<include c.conf>>\n");
        var c = dir.Write("c.conf", "z 3\n");
        var warnings = new List<string>();

        await ConformanceAssert.MatchesReferenceAsync(main);
        ConfigGeneralParser.ParseFile(main, warnings);

        Assert.Equal([$"{main}:2: \"{c}\" is included a second time; this include is skipped (each file is read once)"], warnings);
    }

    [Fact]
    public async Task ParseFile_ClosingTagOfAnotherBlock_SameTreeAsReference_WarnedWithBothPlaces()
    {
        using var dir = new TempConfigDirectory();
        var main = dir.Write("main.conf", "<collector a>\n  module noop\n  <inner>\n  </inner>\n</api>\n<x>\n</x>\n");
        var warnings = new List<string>();

        await ConformanceAssert.MatchesReferenceAsync(main);
        ConfigGeneralParser.ParseFile(main, warnings);

        Assert.Equal([$"{main}:5: </api> closes <collector a> opened at {main}:1"], warnings);
    }

    [Fact]
    public void Load_ApiAndLookupBlocksNobodyReads_ErrorsAtTheirLines()
    {
        var errors = Errors("<collector a>\n    module noop\n</collector>\n<api>\n    port 1\n</api>\n<lookup>\n</lookup>\n");

        Assert.Equal(
            [$"{ConfigFile}:4: unknown block <api> (known blocks: archive, collector)", $"{ConfigFile}:7: unknown block <lookup> (known blocks: archive, collector)"],
            errors.Select(e => e.Message));
    }

    [Theory]
    [InlineData("user fathom", "'user' is set without 'group'")]
    [InlineData("group fathom", "'group' is set without 'user'")]
    public void Load_UserWithoutGroup_ErrorAtItsLine(string line, string message)
    {
        var error = SingleError($"{line}\n<collector a>\n    module noop\n</collector>\n", 1);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UserAndGroup_Accepted()
    {
        var settings = Load("user fathom\ngroup fathom\n<collector a>\n    module noop\n</collector>\n");

        Assert.Equal(("fathom", "fathom"), (settings.User, settings.Group));
    }

    [Fact]
    public void ArchiveSettings_SameBlockLoadedTwice_Equal_ChangedKey_NotEqual()
    {
        const string Text = "<archive>\n    path a.db\n    retain_raw 30d\n</archive>\n<collector a>\n    module noop\n</collector>\n";

        var first = Load(Text).Archive;

        Assert.Equal(first, Load(Text).Archive);
        Assert.Equal(first, Load("# moved down a line\n" + Text).Archive);
        Assert.NotEqual(first, Load(Text.Replace("30d", "31d", StringComparison.Ordinal)).Archive);
        Assert.NotEqual(first, Load(Text.Replace("path a.db", "path b.db", StringComparison.Ordinal)).Archive);
    }
}
