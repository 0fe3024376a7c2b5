using Fathom.Core.Configuration;
using Fathom.Daemon.Logging;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Tests.Logging;

public sealed class LogConfigReaderTests
{
    [Fact]
    public void Read_Empty_Defaults()
    {
        using var f = new TempFile("# nothing here\n\n   \n");

        var s = LogConfigReader.Read(f.Path);

        Assert.Equal(LogLevel.Information, s.Level);
        Assert.Null(s.Output);
        Assert.Empty(s.Categories);
    }

    [Theory]
    [InlineData("trace", LogLevel.Trace)]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("DEBUG", LogLevel.Debug)]
    [InlineData("info", LogLevel.Information)]
    [InlineData("Information", LogLevel.Information)]
    [InlineData("warn", LogLevel.Warning)]
    [InlineData("warning", LogLevel.Warning)]
    [InlineData("error", LogLevel.Error)]
    [InlineData("fatal", LogLevel.Critical)]
    [InlineData("critical", LogLevel.Critical)]
    [InlineData("off", LogLevel.None)]
    [InlineData("none", LogLevel.None)]
    public void Read_Level_EverySpelling(string text, LogLevel expected)
    {
        using var f = new TempFile($"level = {text}\n");

        Assert.Equal(expected, LogConfigReader.Read(f.Path).Level);
    }

    [Fact]
    public void Read_PerCategoryLevels_LongestPrefixWins()
    {
        using var f = new TempFile("""
            level = warning
            level.collector = info
            level.collector/ping1 = debug
            """);

        var s = LogConfigReader.Read(f.Path);

        Assert.Equal(LogLevel.Warning, s.Level);
        Assert.Equal(LogLevel.Debug, s.LevelFor("collector/ping1"));
        Assert.Equal(LogLevel.Information, s.LevelFor("collector/host"));
        Assert.Equal(LogLevel.Warning, s.LevelFor("pipeline"));
    }

    [Theory]
    [InlineData("stderr")]
    [InlineData("syslog")]
    [InlineData("/var/log/fathom.log")]
    public void Read_Output_Kept(string output)
    {
        using var f = new TempFile($"output = {output}\n");

        Assert.Equal(output, LogConfigReader.Read(f.Path).Output);
    }

    [Fact]
    public void Read_SpacesAndComments_Ignored()
    {
        using var f = new TempFile("  # comment\n\tlevel=debug   \n   output   =   stdout\n");

        var s = LogConfigReader.Read(f.Path);

        Assert.Equal(LogLevel.Debug, s.Level);
        Assert.Equal("stdout", s.Output);
    }

    [Fact]
    public void Read_Log4perlFile_RootLevelAndFirstAppenderFile()
    {
        using var f = new TempFile("""
            log4perl.rootLogger=DEBUG, A1
            log4perl.appender.A1=Log::Dispatch::FileRotate
            log4perl.appender.A1.filename=/var/log/perfsonar/collector.log
            log4perl.appender.A1.max=7
            log4perl.appender.A1.layout=Log::Log4perl::Layout::PatternLayout
            log4perl.appender.A1.layout.ConversionPattern=%d (%P) %p> %F{1}:%L %M - %m%n
            log4perl.appender.A2.filename=/var/log/other.log
            """);

        var s = LogConfigReader.Read(f.Path);

        Assert.Equal(LogLevel.Debug, s.Level);
        Assert.Equal("/var/log/perfsonar/collector.log", s.Output);
    }

    [Fact]
    public void Read_Log4perlLoggerKey_SetsLevel()
    {
        using var f = new TempFile("log4perl.logger = WARN, Screen\n");

        Assert.Equal(LogLevel.Warning, LogConfigReader.Read(f.Path).Level);
    }

    [Fact]
    public void Read_OutputBeforeLog4perlFilename_OutputKept()
    {
        using var f = new TempFile("output = syslog\nlog4perl.appender.A1.filename=/tmp/x.log\n");

        Assert.Equal("syslog", LogConfigReader.Read(f.Path).Output);
    }

    [Fact]
    public void Read_UnknownKey_ErrorNamesFileAndLine()
    {
        using var f = new TempFile("level = info\n\n# x\nlevle = debug\n");

        var e = Assert.Throws<ConfigException>(() => LogConfigReader.Read(f.Path));

        Assert.Equal(new ConfigLocation(f.Path, 4), e.Location);
        Assert.StartsWith($"{f.Path}:4: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("unknown key 'levle'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownLevel_ErrorNamesLineAndChoices()
    {
        using var f = new TempFile("level.pipeline = loud\n");

        var e = Assert.Throws<ConfigException>(() => LogConfigReader.Read(f.Path));

        Assert.Equal(new ConfigLocation(f.Path, 1), e.Location);
        Assert.Contains("unknown log level 'loud'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Log4perlUnknownLevel_ErrorNamesLine()
    {
        using var f = new TempFile("log4perl.rootLogger=LOUD, A1\n");

        Assert.Equal(new ConfigLocation(f.Path, 1), Assert.Throws<ConfigException>(() => LogConfigReader.Read(f.Path)).Location);
    }

    [Theory]
    [InlineData("just words")]
    [InlineData("= debug")]
    public void Read_NotKeyValue_ErrorNamesLine(string line)
    {
        using var f = new TempFile($"level = info\n{line}\n");

        var e = Assert.Throws<ConfigException>(() => LogConfigReader.Read(f.Path));

        Assert.Equal(new ConfigLocation(f.Path, 2), e.Location);
        Assert.Contains("expected 'key = value'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyOutput_Error()
    {
        using var f = new TempFile("output =\n");

        Assert.Contains("'output' needs a value", Assert.Throws<ConfigException>(() => LogConfigReader.Read(f.Path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BareLevelDot_IsUnknownKey()
    {
        using var f = new TempFile("level. = debug\n");

        Assert.Contains("unknown key 'level.'", Assert.Throws<ConfigException>(() => LogConfigReader.Read(f.Path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_ErrorNamesIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "fathom-missing-" + Guid.NewGuid().ToString("N"), "logger.conf");

        var e = Assert.Throws<ConfigException>(() => LogConfigReader.Read(path));

        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("cannot read", e.Message, StringComparison.Ordinal);
    }
}
