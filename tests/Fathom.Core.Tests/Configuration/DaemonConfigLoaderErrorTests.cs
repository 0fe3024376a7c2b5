using Fathom.Core.Configuration;
using static Fathom.Core.Tests.Configuration.DaemonConfigLoaderSupport;

namespace Fathom.Core.Tests.Configuration;

public sealed class DaemonConfigLoaderErrorTests
{
    [Fact]
    public void Load_NoCollectors_Error()
    {
        var error = Assert.Single(Errors("collection_interval 10\n"));

        Assert.Contains("No collectors defined", error.Message, StringComparison.Ordinal);
        Assert.StartsWith(ConfigFile, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyFile_NoCollectorsError()
    {
        Assert.Contains("No collectors defined", Assert.Single(Errors("")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownKeyInBlock_NamesLineAndAcceptedKeys()
    {
        var error = SingleError(
            """
            collection_interval 10
            <collector a>
                module script
                command /bin/true
                comand /bin/false
            </collector>
            """,
            5);

        Assert.Contains("unknown key 'comand'", error.Message, StringComparison.Ordinal);
        Assert.Contains("collector 'a'", error.Message, StringComparison.Ordinal);
        Assert.Contains("it accepts: collection_interval, command, format, isolation, jitter, module, schedule, timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GlobalKeyNoModuleAccepts_ErrorNamesItsLine()
    {
        var error = SingleError(
            """
            collection_interval 10
            bogus 1
            <collector a>
                module noop
            </collector>
            """,
            2);

        Assert.Contains("unknown key 'bogus'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GlobalKeyOnlySomeModulesAccept_NoError()
    {
        var settings = Load("""
            collection_interval 10
            format influx
            <collector a>
                module noop
            </collector>
            <collector b>
                module script
                command x
            </collector>
            """);

        Assert.Equal(2, settings.Collectors.Count);
    }

    [Fact]
    public void Load_UnknownModule_ListsKnownModules()
    {
        var error = SingleError(
            """
            collection_interval 10
            <collector a>
                module pingg
            </collector>
            """,
            3);

        Assert.Contains("unknown module 'pingg'", error.Message, StringComparison.Ordinal);
        Assert.Contains("host, noop, script", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoModule_ErrorNamesTheBlock()
    {
        var error = SingleError(
            """
            collection_interval 10
            <collector a>
                timeout 3
            </collector>
            """,
            2);

        Assert.Contains("collector 'a' has no 'module'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateCollectorId_ErrorNamesBothPlaces()
    {
        var error = SingleError(
            """
            collection_interval 10
            <collector a>
                module noop
            </collector>
            <collector a>
                module host
            </collector>
            """,
            5);

        Assert.Contains("collector 'a' is defined more than once", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{ConfigFile}:2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("collection_interval 0", "collection_interval")]
    [InlineData("collection_interval -5", "collection_interval")]
    [InlineData("collection_interval soon", "collection_interval")]
    [InlineData("timeout 0", "timeout")]
    [InlineData("timeout 3x", "timeout")]
    [InlineData("schedule cron", "schedule")]
    [InlineData("isolation container", "isolation")]
    [InlineData("jitter lots", "jitter")]
    [InlineData("jitter 11", "jitter")]
    public void Load_BadCommonValue_ErrorNamesKeyAndLine(string line, string key)
    {
        var error = SingleError(
            $"""
            <collector a>
                module noop
                collection_interval 10
                {line}
            </collector>
            """,
            line.StartsWith("collection_interval", StringComparison.Ordinal) ? 3 : 4);

        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CommonKeyRepeated_ErrorTakesOneValue()
    {
        var error = SingleError(
            """
            <collector a>
                module noop
                collection_interval 10
                collection_interval 10
            </collector>
            """,
            3);

        Assert.Contains("takes one value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_JitterAboveGlobalInterval_Error()
    {
        var error = SingleError(
            """
            collection_interval 5
            <collector a>
                module noop
                jitter 6
            </collector>
            """,
            4);

        Assert.Contains("must not exceed the collection interval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadGlobalInterval_ErrorNamesItsLine()
    {
        var error = SingleError(
            """
            collection_interval never
            <collector a>
                module noop
            </collector>
            """,
            1);

        Assert.Contains("positive duration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadShutdownTimeout_ErrorNamesItsLine()
    {
        SingleError(
            """
            collection_interval 10
            shutdown_timeout forever
            <collector a>
                module noop
            </collector>
            """,
            2);
    }

    [Fact]
    public void Load_ArchiveTypeUnsupported_ErrorNamesTheTypeLine()
    {
        var error = SingleError(
            """
            collection_interval 10
            <archive>
                type postgres
            </archive>
            <collector a>
                module noop
            </collector>
            """,
            3);

        Assert.Contains("archive type 'postgres' is not supported (known: sqlite)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("retain_raw 30x", "must be a duration")]
    [InlineData("retain_raw -1d", "must be a duration")]
    [InlineData("retain_raw 0d", "must be a duration")]
    [InlineData("retain_1h soon", "'retain_1h' must be a duration")]
    [InlineData("retention 30d", "unknown archive key 'retention'")]
    public void Load_ArchiveBadKeyOrRetention_ErrorOnItsLine(string line, string expected)
    {
        var error = SingleError(
            $"""
            collection_interval 10
            <archive>
                path /tmp/a.db
                {line}
            </archive>
            <collector a>
                module noop
            </collector>
            """,
            4);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CoarserKeptShorterThanFiner_ErrorNamesBoth()
    {
        var error = SingleError(
            """
            collection_interval 10
            <archive>
                retain_raw 30d
                retain_1m 7d
            </archive>
            <collector a>
                module noop
            </collector>
            """,
            4);

        Assert.Contains("'retain_1m' (7d) is shorter than 'retain_raw' (30d)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ArchiveNotABlock_Error()
    {
        SingleError(
            """
            collection_interval 10
            archive /var/lib/a.db
            <collector a>
                module noop
            </collector>
            """,
            2);
    }

    [Fact]
    public void Load_CollectorNotABlock_Error()
    {
        var errors = Errors("""
            collection_interval 10
            collector ping
            """);

        var error = Assert.Single(errors);
        Assert.Equal(new ConfigLocation(ConfigFile, 2), error.Location);
        Assert.Contains("must be a block", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralMistakes_AllReportedAtOnceInFileOrderPerKind()
    {
        var errors = Errors("""
            collection_interval 10
            bogus 1
            <collector a>
                module pingg
            </collector>
            <collector b>
                module script
                command x
                colour red
            </collector>
            <collector c>
                module noop
                schedule hourly
            </collector>
            <collector d>
                module host
                timeout -1
            </collector>
            """);

        var lines = errors.Select(e => e.Location!.Value.Line).Order().ToList();
        Assert.Equal([2, 4, 9, 13, 17], lines);
    }

    [Fact]
    public void Load_SeveralMistakesInOneBlock_AllReported()
    {
        var errors = Errors("""
            <collector a>
                module noop
                collection_interval 10
                timeout never
                schedule hourly
                isolation pod
                jitter 11
                colour red
            </collector>
            """);

        Assert.Equal([4, 5, 6, 7, 8], errors.Select(e => e.Location!.Value.Line).Order());
    }

    [Fact]
    public void Load_BadGlobalTimeoutWithSeveralCollectors_ReportedOnce()
    {
        var error = SingleError(
            """
            collection_interval 10
            timeout never
            <collector a>
                module noop
            </collector>
            <collector b>
                module host
            </collector>
            """,
            2);

        Assert.Contains("'timeout'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigErrors_Message_HasOneLinePerMistake()
    {
        var e = Assert.Throws<ConfigErrors>(() => Load("""
            bogus 1
            <collector a>
                module noop
                colour red
            </collector>
            """));

        var lines = e.Message.Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.StartsWith($"{ConfigFile}:", l, StringComparison.Ordinal));
    }
}
