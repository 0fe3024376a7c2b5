using Fathom.Archive;
using Fathom.Core.Collectors;
using Fathom.Core.Configuration;
using Fathom.Core.Storage;

namespace Fathom.Core.Tests.Configuration;

/// <summary>Loads configuration text as if it were /tmp/x/test.conf, with a small catalog of test modules.</summary>
internal static class DaemonConfigLoaderSupport
{
    public const string ConfigFile = "/tmp/x/test.conf";

    public static CollectorCatalog Catalog() => new(
    [
        new CollectorDescriptor("noop", [], () => throw new NotSupportedException()),
        new CollectorDescriptor("script", ["command", "format"], () => throw new NotSupportedException()),
        new CollectorDescriptor("host", ["disks"], () => throw new NotSupportedException()),
    ]);

    /// <summary>The archive catalog as fathomd has it: the sqlite backend.</summary>
    public static ArchiveCatalog Archives() => new ArchiveCatalog(SqliteArchiveBackend.TypeName).Add(new SqliteArchiveBackend());

    /// <summary>The sections these tests read: &lt;archive&gt; through the catalog (the daemon registers the rest).</summary>
    public static ConfigSections Sections() => new([Archives().SectionReader]);

    /// <summary>The &lt;archive&gt; settings, read by the sqlite backend.</summary>
    public static SqliteArchiveSettings Sqlite(this DaemonSettings settings) => Assert.IsType<SqliteArchiveSettings>(settings.Archive);

    public static DaemonSettings Load(string text, string file = ConfigFile) =>
        new DaemonConfigLoader(Catalog(), Sections()).Load(ConfigGeneralParser.ParseText(text, file), file);

    public static IReadOnlyList<ConfigException> Errors(string text)
    {
        var e = Assert.Throws<ConfigErrors>(() => Load(text));
        return e.Errors;
    }

    /// <summary>The single error, checked to name <paramref name="line"/> of the test file.</summary>
    public static ConfigException SingleError(string text, int line)
    {
        var error = Assert.Single(Errors(text));
        Assert.Equal(new ConfigLocation(ConfigFile, line), error.Location);
        Assert.StartsWith($"{ConfigFile}:{line}: ", error.Message, StringComparison.Ordinal);
        return error;
    }

    public static CollectorConfig Collector(this DaemonSettings settings, string id) =>
        Assert.Single(settings.Collectors, c => c.Id == id);
}
