using Fathom.Archive;
using Fathom.Core.Configuration;
using Fathom.Core.Storage;
using Fathom.Core.Storage.Delivery;
using static Fathom.Core.Tests.Configuration.DaemonConfigLoaderSupport;

namespace Fathom.Core.Tests.Storage.Delivery;

/// <summary>&lt;archive&gt; repeated, with the delivery keys read once for every backend, each mistake at its file:line.</summary>
public sealed class ArchiveTargetsReaderTests
{
    private const string Collector = "<collector a>\n    module noop\n</collector>\n";

    private static ArchiveCatalog WithMemory() => Archives().Add(new MemoryArchiveBackend());

    private static DaemonSettings LoadWith(ArchiveCatalog archives, string text) =>
        new DaemonConfigLoader(Catalog(), new ConfigSections([archives.SectionReader])).Load(ConfigGeneralParser.ParseText(text, ConfigFile), ConfigFile);

    private static ArchiveTargets Targets(string text) => LoadWith(WithMemory(), text + Collector).Archives!;

    private static ConfigException Error(string text, int line)
    {
        var error = Assert.Single(Assert.Throws<ConfigErrors>(() => LoadWith(WithMemory(), text + Collector)).Errors);
        Assert.Equal(new ConfigLocation(ConfigFile, line), error.Location);
        return error;
    }

    [Fact]
    public void Load_NoArchiveBlock_OneLoneSqliteTargetWithoutSpool()
    {
        var targets = Targets(string.Empty);

        var t = Assert.Single(targets);
        Assert.Equal("sqlite", t.Backend.Type);
        Assert.False(t.Delivery.Spool);
        Assert.StartsWith("sqlite-", t.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LoneSqlite_KeepsTheDirectPathUnlessSpoolYes()
    {
        Assert.False(Assert.Single(Targets("<archive>\n    path /tmp/x/a.db\n</archive>\n")).Delivery.Spool);
        Assert.True(Assert.Single(Targets("<archive>\n    path /tmp/x/a.db\n    spool yes\n</archive>\n")).Delivery.Spool);
    }

    [Fact]
    public void Load_LoneNetworkBackend_SpooledByDefault()
    {
        var t = Assert.Single(Targets("<archive>\n    type memory\n    label central\n</archive>\n"));

        Assert.True(t.Delivery.Spool);
        Assert.Equal("memory-memory-central", t.Name);
        Assert.EndsWith("/spool/memory-memory-central", t.Delivery.SpoolDir, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TwoArchives_BothSpooledInFileOrderTheFirstIsPrimary()
    {
        var targets = Targets("<archive>\n    path /tmp/x/a.db\n</archive>\n<archive>\n    type memory\n    name central\n    spool_dir spools/c\n</archive>\n");

        Assert.Equal(2, targets.Count);
        Assert.Equal("sqlite", targets.Primary.Backend.Type);
        Assert.Equal("sqlite-tmp-x-a.db", targets[0].Name);
        Assert.Equal("central", targets[1].Name);
        Assert.All(targets, t => Assert.True(t.Delivery.Spool));
        Assert.Equal("/tmp/x/spools/c", targets[1].Delivery.SpoolDir);
        Assert.Equal(new ConfigLocation(ConfigFile, 4), targets[1].Location);
    }

    [Fact]
    public void Load_EveryDeliveryKey_ReadAndNotSeenByTheBackend()
    {
        var t = Assert.Single(Targets(
            "<archive>\n    path /tmp/x/a.db\n    name local\n    spool yes\n    spool_dir /var/tmp/s\n    spool_sync 2s\n    spool_max_bytes 512M\n    spool_full block\n    retry_policy \"3x5s, forever x PT1M\"\n</archive>\n"));

        Assert.Equal("local", t.Name);
        var d = t.Delivery;
        Assert.True(d.Spool);
        Assert.Equal("/var/tmp/s", d.SpoolDir);
        Assert.Equal(TimeSpan.FromSeconds(2), d.SpoolSyncInterval);
        Assert.Equal(512L << 20, d.SpoolMaxBytes);
        Assert.Equal(SpoolFullMode.Block, d.SpoolFull);
        Assert.Equal("3x5s, forever x 60s", d.RetryPolicy.ToString());
        Assert.Equal("/tmp/x/a.db", Assert.IsType<SqliteArchiveSettings>(t.Backend).Path);
    }

    [Fact]
    public void Load_Defaults_SyncEachBatchOneGigabyteDropDefaultPolicy()
    {
        var d = Assert.Single(Targets("<archive>\n    type memory\n</archive>\n")).Delivery;

        Assert.Null(d.SpoolSyncInterval);
        Assert.Equal(1L << 30, d.SpoolMaxBytes);
        Assert.Equal(SpoolFullMode.Drop, d.SpoolFull);
        Assert.Equal(RetryPolicy.Default, d.RetryPolicy);
    }

    [Theory]
    [InlineData("spool maybe", "archive 'spool' must be yes or no, not 'maybe'")]
    [InlineData("spool_sync often", "archive 'spool_sync' must be 'batch' or an interval like 1s, not 'often'")]
    [InlineData("spool_sync 0s", "archive 'spool_sync' must be 'batch' or an interval like 1s, not '0s'")]
    [InlineData("spool_max_bytes lots", "archive 'spool_max_bytes' must be a size of at least 64K like 512M or 2G, not 'lots'")]
    [InlineData("spool_max_bytes 1K", "archive 'spool_max_bytes' must be a size of at least 64K like 512M or 2G, not '1K'")]
    [InlineData("spool_full wait", "archive 'spool_full' must be drop or block, not 'wait'")]
    [InlineData("name \"a b\"", "archive 'name' 'a b' must be 1-80 letters, digits, '.', '_' or '-' (it names the spool's folder)")]
    [InlineData("retry_policy \"3 times\"", "retry_policy segment '3 times' must read ATTEMPTS x WAIT (e.g. 3x5s, forever x 1m)")]
    [InlineData("retry_policy \"forever x 1s, 3x5s\"", "retry_policy: only the last segment may be 'forever' (at 'forever x 1s')")]
    [InlineData("retry_policy \"0x5s\"", "retry_policy segment '0x5s': attempts '0' must be a positive whole number or 'forever'")]
    [InlineData("retry_policy \"3xsoon\"", "retry_policy segment '3xsoon': wait 'soon' is not a duration (e.g. 500ms, 5s, 1m, PT30S)")]
    public void Load_BadDeliveryKey_ErrorAtItsLine(string line, string message)
    {
        var error = Error($"<archive>\n    type memory\n    {line}\n</archive>\n", 3);

        Assert.Equal(message, error.Problem);
    }

    [Fact]
    public void Load_DeliveryKeyRepeated_TakesOneValueAtItsLine()
    {
        var error = Assert.Single(Assert.Throws<ConfigErrors>(() => LoadWith(WithMemory(), "<archive>\n    type memory\n    spool yes\n    spool no\n</archive>\n" + Collector)).Errors);

        Assert.Equal("archive 'spool' takes one value", error.Problem);
    }

    [Fact]
    public void Load_TwoTargetsOneName_ErrorAtTheSecondName()
    {
        var error = Error("<archive>\n    type memory\n    name c\n</archive>\n<archive>\n    type memory\n    label other\n    name c\n</archive>\n", 8);

        Assert.Contains("archive name 'c' is used twice (the other at /tmp/x/test.conf:1)", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TwoTargetsOneSpoolDir_Error()
    {
        var error = Error("<archive>\n    type memory\n    label a\n    spool_dir /tmp/s\n</archive>\n<archive>\n    type memory\n    label b\n    spool_dir /tmp/s\n</archive>\n", 9);

        Assert.Contains("spool_dir /tmp/s is also archive 'memory-memory-a''s", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownKeyInSecondBlock_StillTheBackendsErrorAtItsLine()
    {
        var error = Error("<archive>\n    type memory\n</archive>\n<archive>\n    path /tmp/x/b.db\n    colour blue\n</archive>\n", 6);

        Assert.StartsWith("unknown archive key 'colour'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Equals_SameTextTwice_EqualForReload()
    {
        const string Text = "<archive>\n    path /tmp/x/a.db\n</archive>\n<archive>\n    type memory\n    retry_policy 2x1s\n</archive>\n";

        Assert.Equal(Targets(Text), Targets(Text));
        Assert.NotEqual(Targets(Text), Targets(Text.Replace("2x1s", "3x1s", StringComparison.Ordinal)));
    }
}
