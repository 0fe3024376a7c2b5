using Fathom.Core.Collectors;
using Fathom.Archive.Retention;
using Fathom.Core.Configuration;
using static Fathom.Core.Tests.Configuration.DaemonConfigLoaderSupport;

namespace Fathom.Core.Tests.Configuration;

public sealed class DaemonConfigLoaderTests
{
    [Fact]
    public void Load_GlobalKeys_MergedIntoEveryBlockThatAcceptsThem()
    {
        var settings = Load("""
            collection_interval 30
            format influx
            <collector a>
                module script
                command /bin/true
            </collector>
            <collector b>
                module host
            </collector>
            """);

        var a = settings.Collector("a");
        Assert.Equal(TimeSpan.FromSeconds(30), a.Interval);
        Assert.Equal("influx", a.GetString("format", "?"));
        Assert.Equal("/bin/true", a.GetString("command", "?"));
        var b = settings.Collector("b");
        Assert.Equal(TimeSpan.FromSeconds(30), b.Interval);
        Assert.False(b.Has("format"));
        Assert.Empty(settings.Warnings);
    }

    [Fact]
    public void Load_BlockKey_OverridesGlobal()
    {
        var settings = Load("""
            collection_interval 30
            format influx
            <collector a>
                module script
                command /bin/true
                format status
                collection_interval 5
            </collector>
            <collector b>
                module script
                command /bin/false
            </collector>
            """);

        var a = settings.Collector("a");
        Assert.Equal(TimeSpan.FromSeconds(5), a.Interval);
        Assert.Equal("status", a.GetString("format", "?"));
        Assert.Equal(new Fathom.Core.Configuration.ConfigLocation(ConfigFile, 6), a.Find("format")!.Location);
        Assert.Equal("influx", settings.Collector("b").GetString("format", "?"));
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Collector("b").Interval);
    }

    [Fact]
    public void Load_NoInterval_Defaults15WithWarning()
    {
        var settings = Load("""
            <collector a>
                module noop
            </collector>
            """);

        Assert.Equal(TimeSpan.FromSeconds(15), settings.CollectionInterval);
        Assert.Equal(TimeSpan.FromSeconds(15), settings.Collector("a").Interval);
        var warning = Assert.Single(settings.Warnings);
        Assert.Contains("collection_interval", warning, StringComparison.Ordinal);
        Assert.Contains("15", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoTimeout_DefaultsToTheCollectorsInterval()
    {
        var settings = Load("""
            collection_interval 20
            <collector a>
                module noop
                collection_interval 7.5
            </collector>
            <collector b>
                module noop
            </collector>
            <collector c>
                module noop
                timeout 3
            </collector>
            """);

        Assert.Equal(TimeSpan.FromSeconds(7.5), settings.Collector("a").Timeout);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.Collector("b").Timeout);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.Collector("c").Timeout);
    }

    [Fact]
    public void Load_GlobalTimeout_AppliesToEveryCollector()
    {
        var settings = Load("""
            collection_interval 20
            timeout 4
            <collector a>
                module noop
            </collector>
            """);

        Assert.Equal(TimeSpan.FromSeconds(4), settings.Collector("a").Timeout);
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("2m", 120)]
    [InlineData("1.5", 1.5)]
    [InlineData("1h", 3600)]
    public void Load_IntervalForms_Parsed(string text, double seconds)
    {
        var settings = Load($"""
            <collector a>
                module noop
                collection_interval {text}
            </collector>
            """);

        Assert.Equal(TimeSpan.FromSeconds(seconds), settings.Collector("a").Interval);
    }

    [Fact]
    public void Load_ScheduleIsolationJitter_Parsed()
    {
        var settings = Load("""
            collection_interval 60
            <collector a>
                module noop
                schedule Aligned
                isolation process
                jitter 10s
            </collector>
            <collector b>
                module noop
            </collector>
            """);

        var a = settings.Collector("a");
        Assert.Equal(ScheduleMode.Aligned, a.Schedule);
        Assert.Equal(IsolationMode.Process, a.Isolation);
        Assert.Equal(TimeSpan.FromSeconds(10), a.Jitter);
        var b = settings.Collector("b");
        Assert.Equal(ScheduleMode.Sleep, b.Schedule);
        Assert.Equal(IsolationMode.Thread, b.Isolation);
        Assert.Equal(TimeSpan.Zero, b.Jitter);
    }

    [Fact]
    public void Load_JitterEqualToInterval_Allowed()
    {
        var settings = Load("""
            <collector a>
                module noop
                collection_interval 10
                jitter 10
            </collector>
            """);

        Assert.Equal(TimeSpan.FromSeconds(10), settings.Collector("a").Jitter);
    }

    [Fact]
    public void Load_CollectorKeepsBlockLocationAndBaseDirectory()
    {
        var settings = Load("""
            collection_interval 10

            <collector a>
                module noop
            </collector>
            """);

        var a = settings.Collector("a");
        Assert.Equal(new Fathom.Core.Configuration.ConfigLocation(ConfigFile, 3), a.Location);
        Assert.Equal("/tmp/x", a.BaseDirectory);
        Assert.Equal("noop", a.Module);
    }

    [Fact]
    public void Load_UnnamedBlocks_GetModuleBasedIds()
    {
        var settings = Load("""
            collection_interval 10
            <collector>
                module noop
            </collector>
            <collector>
                module host
            </collector>
            """);

        Assert.Equal(["noop-1", "host-2"], settings.Collectors.Select(c => c.Id));
    }

    [Fact]
    public void Load_UnnamedAndNamedBlocksMixed_ErrorNamesTheNamedBlock()
    {
        // Config::General merges them into one hash: the named block becomes a key of the unnamed one.
        var error = SingleError(
            """
            collection_interval 10
            <collector>
                module noop
            </collector>
            <collector named>
                module host
            </collector>
            """,
            5);

        Assert.Contains("'named'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DaemonKeys_ReadAndNotMergedIntoCollectors()
    {
        var settings = Load("""
            collection_interval 10
            pid_file fathom.pid
            user nobody
            group nogroup
            shutdown_timeout 20
            <collector a>
                module noop
            </collector>
            """);

        Assert.Equal("fathom.pid", settings.PidFile);
        Assert.Equal("nobody", settings.User);
        Assert.Equal("nogroup", settings.Group);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.ShutdownTimeout);
        Assert.Null(settings.PidDir);
        Assert.False(settings.Collector("a").Has("user"));
        Assert.Equal(ConfigFile, settings.ConfigFile);
    }

    [Fact]
    public void Load_DaemonKeysAbsent_Defaults()
    {
        var settings = Load("""
            collection_interval 10
            <collector a>
                module noop
            </collector>
            """);

        Assert.Equal(TimeSpan.FromSeconds(10), settings.ShutdownTimeout);
        Assert.Equal("sqlite", settings.Sqlite().Type);
        Assert.Null(settings.Sqlite().Path);
        Assert.Null(settings.User);
    }

    [Theory]
    [InlineData("../run", "/tmp/run")]
    [InlineData("run/fathom", "/tmp/x/run/fathom")]
    [InlineData("/var/run/fathom", "/var/run/fathom")]
    public void Load_PidDir_RelativeResolvesAgainstConfigFolder(string pidDir, string expected)
    {
        var settings = Load($"""
            collection_interval 10
            pid_dir {pidDir}
            <collector a>
                module noop
            </collector>
            """);

        Assert.Equal(expected, settings.PidDir);
    }

    [Fact]
    public void Load_ArchiveBlock_TypePathAndOptions()
    {
        var settings = Load("""
            collection_interval 10
            <archive>
                type sqlite
                path ../data/archive.db
                retain_raw 30d
                retain_1m 26w
                retain_1h 5y
                retain_1d forever
            </archive>
            <collector a>
                module noop
            </collector>
            """);

        Assert.Equal("sqlite", settings.Sqlite().Type);
        Assert.Equal("/tmp/data/archive.db", settings.Sqlite().Path);
        Assert.Equal("30d", settings.Sqlite().Options["retain_raw"]);
        Assert.Equal(new RetentionSettings(TimeSpan.FromDays(30), TimeSpan.FromDays(182), TimeSpan.FromDays(5 * 365), null), settings.Sqlite().Retention);
    }

    [Fact]
    public void Load_ArchiveWithoutRetention_KeepsEverything()
    {
        var settings = Load("""
            collection_interval 10
            <archive>
                path /var/lib/fathom/a.db
            </archive>
            <collector a>
                module noop
            </collector>
            """);

        Assert.True(settings.Sqlite().Retention.KeepsEverything);
    }

    [Fact]
    public void Load_ArchiveAbsolutePath_Kept()
    {
        var settings = Load("""
            collection_interval 10
            <archive>
                path /var/lib/fathom/a.db
            </archive>
            <collector a>
                module noop
            </collector>
            """);

        Assert.Equal("sqlite", settings.Sqlite().Type);
        Assert.Equal("/var/lib/fathom/a.db", settings.Sqlite().Path);
    }

    [Fact]
    public void Load_RepeatedKey_IsAList()
    {
        var settings = Load("""
            collection_interval 10
            <collector a>
                module host
                disks sda
                disks sdb
            </collector>
            """);

        Assert.Equal(["sda", "sdb"], settings.Collector("a").GetStrings("disks"));
    }
}
