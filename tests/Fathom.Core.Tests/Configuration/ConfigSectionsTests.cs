using Fathom.Core.Configuration;
using static Fathom.Core.Tests.Configuration.DaemonConfigLoaderSupport;

namespace Fathom.Core.Tests.Configuration;

/// <summary>Top-level blocks go to the reader their subsystem registered; the loader knows none of them.</summary>
public sealed class ConfigSectionsTests
{
    private const string Collector = "<collector a>\n    module noop\n</collector>\n";

    private static DaemonConfigLoader Loader() => new(Catalog(), Sections().Add(new ProbeSectionReader()));

    private static DaemonSettings LoadWithProbe(string text) => Loader().Load(ConfigGeneralParser.ParseText(text, ConfigFile), ConfigFile);

    private static IReadOnlyList<string> ErrorsWithProbe(string text) =>
        [.. Assert.Throws<ConfigErrors>(() => LoadWithProbe(text)).Errors.Select(e => e.Message)];

    [Fact]
    public void Load_SectionRegisteredByATest_ReadByItsReaderKeptByBlockName()
    {
        var settings = LoadWithProbe(Collector + "<probe>\n    port 8080\n</probe>\n");

        Assert.Equal(new ProbeSettings(8080, new ConfigLocation(ConfigFile, 4)), settings.Section<ProbeSettings>("probe"));
        Assert.Equal("sqlite", settings.Sqlite().Type);
        Assert.Single(settings.Collectors);
    }

    [Fact]
    public void Load_RegisteredSectionAbsent_ReaderGivesItsDefaults()
    {
        var settings = LoadWithProbe(Collector);

        Assert.Equal(new ProbeSettings(0, null), settings.Section<ProbeSettings>("probe"));
        Assert.Null(settings.Section<ProbeSettings>("nosuch"));
    }

    [Fact]
    public void Load_SectionAndCollectorMistakes_AllReportedAtOnceWithFileLine()
    {
        var errors = ErrorsWithProbe("<collector a>\n    module noop\n    emitt yes\n</collector>\n<probe>\n    port eighty\n    colour blue\n</probe>\n");

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith($"{ConfigFile}:3: unknown key 'emitt'", StringComparison.Ordinal));
        Assert.Contains($"{ConfigFile}:6: 'port' must be a number", errors);
        Assert.Contains($"{ConfigFile}:7: unknown key 'colour' in <probe>", errors);
    }

    [Fact]
    public void Load_SectionWrittenAsAKey_ErrorAtItsLine()
    {
        var errors = ErrorsWithProbe(Collector + "probe 8080\n");

        Assert.Equal([$"{ConfigFile}:4: 'probe' must be a block: <probe> port N </probe>"], errors);
    }

    [Fact]
    public void Load_BlockNobodyRegistered_ErrorAtEachOfItsLinesNamingTheKnownBlocks()
    {
        var errors = ErrorsWithProbe(Collector + "<nosuch>\n    x 1\n</nosuch>\n<nosuch>\n</nosuch>\n");

        Assert.Equal(
            [$"{ConfigFile}:4: unknown block <nosuch> (known blocks: archive, collector, probe)", $"{ConfigFile}:7: unknown block <nosuch> (known blocks: archive, collector, probe)"],
            errors);
    }

    [Fact]
    public void Load_SameBlockUnregistered_ErrorWhereItWasIgnoredBefore()
    {
        // Without its reader, <probe> is just another unknown block: registration is what makes it valid.
        var errors = Errors(Collector + "<probe>\n    port 8080\n</probe>\n");

        Assert.Equal([$"{ConfigFile}:4: unknown block <probe> (known blocks: archive, collector)"], errors.Select(e => e.Message));
    }

    [Fact]
    public void Load_ReaderThrowsItsMistake_ReportedWithTheOthers()
    {
        var loader = new DaemonConfigLoader(Catalog(), Sections().Add(new ThrowingReader()));

        var e = Assert.Throws<ConfigErrors>(() => loader.Load(ConfigGeneralParser.ParseText("<collector a>\n    module noop\n    emitt yes\n</collector>\n<strict>\n</strict>\n", ConfigFile), ConfigFile));

        Assert.Equal(2, e.Errors.Count);
        Assert.Contains($"{ConfigFile}:5: <strict> says no", e.Errors.Select(x => x.Message));
    }

    [Theory]
    [InlineData("collector")]
    [InlineData("archive")]
    [InlineData("pid_dir")]
    public void Add_NameTheLoaderOrAnotherReaderHas_Throws(string block)
    {
        var sections = Sections();

        Assert.Throws<ArgumentException>(() => sections.Add(new NamedReader(block)));
    }

    private sealed class ThrowingReader : IConfigSectionReader
    {
        public string Block => "strict";

        public object Read(ConfigNode? node, ConfigSectionContext context) =>
            throw new ConfigException(node?.Location ?? new ConfigLocation(context.ConfigFile, 0), "<strict> says no");
    }

    private sealed class NamedReader(string block) : IConfigSectionReader
    {
        public string Block => block;

        public object Read(ConfigNode? node, ConfigSectionContext context) => block;
    }
}
