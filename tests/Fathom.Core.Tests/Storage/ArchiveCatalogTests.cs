using Fathom.Core.Configuration;
using Fathom.Core.Measurements;
using Fathom.Core.Pipeline;
using Fathom.Core.Storage;
using Fathom.Core.Tests.Scheduling;
using Fathom.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using static Fathom.Core.Tests.Configuration.DaemonConfigLoaderSupport;

namespace Fathom.Core.Tests.Storage;

/// <summary>A backend registered through the catalog is read, checked and written through without touching the loader or the daemon.</summary>
public sealed class ArchiveCatalogTests
{
    private const string Collector = "<collector a>\n    module noop\n</collector>\n";

    private static DaemonSettings Load(ArchiveCatalog archives, string text) =>
        new DaemonConfigLoader(Catalog(), new ConfigSections([archives.SectionReader])).Load(ConfigGeneralParser.ParseText(text, ConfigFile), ConfigFile);

    [Fact]
    public async Task Load_ArchiveTypeOfARegisteredFakeBackend_ReadByItAndWrittenThroughThePipeline()
    {
        var memory = new MemoryArchiveBackend();
        var archives = Archives().Add(memory);

        var settings = Load(archives, "<archive>\n    type memory\n    label lab\n</archive>\n" + Collector);
        var options = Assert.IsType<MemoryArchiveOptions>(settings.Archive);
        Assert.Equal("lab", options.Name);
        Assert.Equal(new ConfigLocation(ConfigFile, 1), options.Location);
        Assert.Empty(archives.Check(options));

        using var writer = archives.OpenWriter(options, new ArchiveOpenContext(NullLogger.Instance, new FakeTimeProvider()));
        var pipeline = new MeasurementPipeline(writer, new RecordingLogger(), new FakeTimeProvider(), batchSize: 7);
        var key = new SeriesKey("value", "", [new("collector", "a")]);
        for (var i = 0; i < 100; i++)
        {
            pipeline.Write(Measurement.Of(new Sample(key, i, i)));
        }

        await Poll.WithDeadline(pipeline.CompleteAsync(), "CompleteAsync");

        var archive = Assert.Single(memory.Opened);
        Assert.Equal("memory lab", writer.Description);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (double)i), archive.Stored.Select(m => m.Sample.Value));
        Assert.Equal(100, pipeline.Stats.Written);
    }

    [Fact]
    public void Load_ArchiveTypeUnknown_ErrorAtTheTypeLineNamingTheKnownTypes()
    {
        var archives = Archives().Add(new MemoryArchiveBackend());

        var error = Assert.Single(Assert.Throws<ConfigErrors>(() => Load(archives, Collector + "<archive>\n    type nosuch\n</archive>\n")).Errors);

        Assert.Equal($"{ConfigFile}:5: archive type 'nosuch' is not supported (known: memory, sqlite)", error.Message);
    }

    [Fact]
    public void Load_FakeBackendKeyMistake_ReportedByTheBackendAtItsLine()
    {
        var archives = Archives().Add(new MemoryArchiveBackend());

        var error = Assert.Single(Assert.Throws<ConfigErrors>(() => Load(archives, "<archive>\n    type memory\n    colour blue\n</archive>\n" + Collector)).Errors);

        Assert.Equal($"{ConfigFile}:3: unknown memory archive key 'colour'", error.Message);
    }

    [Theory]
    [InlineData("memory:lab", "memory", "memory:lab")]
    [InlineData("/tmp/x/a.db", "sqlite", "/tmp/x/a.db")]
    [InlineData("sqlite:/tmp/x/a.db", "sqlite", "/tmp/x/a.db")]
    [InlineData("/tmp/nosuch:a.db", "sqlite", "/tmp/nosuch:a.db")]
    public void Resolve_Location_TypePrefixPicksTheBackendAPlainPathIsSqlite(string location, string type, string target)
    {
        var options = Archives().Add(new MemoryArchiveBackend()).Resolve(location);

        Assert.Equal(type, options.Type);
        Assert.Equal(target, options.Target);
    }

    [Fact]
    public void Add_SameTypeTwice_Refused()
    {
        var archives = Archives().Add(new MemoryArchiveBackend());

        Assert.Throws<ArgumentException>(() => archives.Add(new MemoryArchiveBackend()));
    }
}
