using Fathom.Daemon.Cli;

namespace Fathom.Daemon.Tests.Cli;

public sealed class OptionParserTests
{
    [Fact]
    public void Parse_Nothing_Defaults()
    {
        var o = OptionParser.Parse([]);

        Assert.False(o.Verbose || o.Help || o.Version || o.Foreground || o.Check || o.Dump || o.IgnorePid);
        Assert.Null(o.ConfigFile);
        Assert.False(o.Attached);
    }

    [Theory]
    [InlineData("config")]
    [InlineData("piddir")]
    [InlineData("pidfile")]
    [InlineData("logger")]
    [InlineData("output")]
    public void Parse_ValueFlag_EqualsAndSeparateFormsAgree(string flag)
    {
        var joined = OptionParser.Parse([$"--{flag}=/a b/c"]);
        var separate = OptionParser.Parse([$"--{flag}", "/a b/c"]);
        var single = OptionParser.Parse([$"-{flag}=/a b/c"]);

        Assert.Equal("/a b/c", Value(joined, flag));
        Assert.Equal("/a b/c", Value(separate, flag));
        Assert.Equal("/a b/c", Value(single, flag));
    }

    [Fact]
    public void Parse_UserAndGroup_BothForms()
    {
        var o = OptionParser.Parse(["--user=fathom", "--group", "fathom-grp"]);

        Assert.Equal("fathom", o.User);
        Assert.Equal("fathom-grp", o.Group);
    }

    [Fact]
    public void Parse_ValueContainingEquals_KeepsTheRest()
    {
        Assert.Equal("a=b.conf", OptionParser.Parse(["--config=a=b.conf"]).ConfigFile);
    }

    [Fact]
    public void Parse_ValueStartingWithDash_TakenAsTheValue()
    {
        // Getopt::Long: a mandatory string argument is taken even when it starts with a dash.
        Assert.Equal("--verbose", OptionParser.Parse(["--config", "--verbose"]).ConfigFile);
    }

    [Fact]
    public void Parse_RepeatedValueFlag_LastWins()
    {
        Assert.Equal("b", OptionParser.Parse(["--config=a", "--config=b"]).ConfigFile);
    }

    [Fact]
    public void Parse_EverySwitch_Set()
    {
        var o = OptionParser.Parse(["--verbose", "--help", "--version", "--foreground", "--check", "--dump", "--ignorepid"]);

        Assert.True(o.Verbose && o.Help && o.Version && o.Foreground && o.Check && o.Dump && o.IgnorePid);
        Assert.True(o.Attached);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--h")]
    [InlineData("--HELP")]
    [InlineData("-help")]
    public void Parse_HelpSpellings_SetHelp(string arg)
    {
        Assert.True(OptionParser.Parse([arg]).Help);
    }

    [Fact]
    public void Parse_ForegroundOnly_Attached()
    {
        Assert.True(OptionParser.Parse(["--foreground"]).Attached);
    }

    [Fact]
    public void Parse_UnknownSwitch_ErrorNamesIt()
    {
        var e = Assert.Throws<UsageException>(() => OptionParser.Parse(["--verbose", "--frobnicate"]));

        Assert.Contains("unknown option '--frobnicate'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownOptionWithValue_ErrorSaysUnknown()
    {
        var e = Assert.Throws<UsageException>(() => OptionParser.Parse(["--confg=/etc/fathom.conf"]));

        Assert.Contains("unknown option '--confg=/etc/fathom.conf'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--config")]
    [InlineData("--user")]
    public void Parse_ValueFlagAtEnd_NeedsAValue(string arg)
    {
        var e = Assert.Throws<UsageException>(() => OptionParser.Parse([arg]));

        Assert.Contains($"{arg} needs a value", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--config=")]
    [InlineData("--piddir=")]
    public void Parse_EmptyValue_NeedsAValue(string arg)
    {
        Assert.Contains("needs a value", Assert.Throws<UsageException>(() => OptionParser.Parse([arg])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptySeparateValue_NeedsAValue()
    {
        Assert.Contains("--config needs a value", Assert.Throws<UsageException>(() => OptionParser.Parse(["--config", ""])).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--verbose=1")]
    [InlineData("--ignorepid=yes")]
    [InlineData("--check=")]
    public void Parse_ValueOnASwitch_Error(string arg)
    {
        var e = Assert.Throws<UsageException>(() => OptionParser.Parse([arg]));

        Assert.Contains("takes no value", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fathom.conf")]
    [InlineData("-")]
    [InlineData("--")]
    public void Parse_NotAnOption_Error(string arg)
    {
        var e = Assert.Throws<UsageException>(() => OptionParser.Parse([arg]));

        Assert.Contains($"unexpected argument '{arg}'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--user=fathom")]
    [InlineData("--group=fathom")]
    public void Parse_UserWithoutGroupOrTheReverse_Error(string arg)
    {
        var e = Assert.Throws<UsageException>(() => OptionParser.Parse([arg]));

        Assert.Contains("--user and --group go together", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_MentionsEveryFlag()
    {
        foreach (var flag in new[] { "--config", "--verbose", "--foreground", "--piddir", "--pidfile", "--ignorepid", "--logger", "--output", "--user", "--group", "--check", "--dump", "--version", "--help" })
        {
            Assert.Contains(flag, OptionParser.Usage, StringComparison.Ordinal);
        }
    }

    private static string? Value(DaemonOptions o, string flag) => flag switch
    {
        "config" => o.ConfigFile,
        "piddir" => o.PidDir,
        "pidfile" => o.PidFile,
        "logger" => o.LoggerFile,
        "output" => o.OutputFile,
        _ => throw new ArgumentOutOfRangeException(nameof(flag)),
    };
}
