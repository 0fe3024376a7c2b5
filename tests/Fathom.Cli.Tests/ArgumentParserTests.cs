namespace Fathom.Cli.Tests;

public sealed class ArgumentParserTests
{
    private static readonly OptionSpec[] Specs =
    [
        new("name", "NAME", ""),
        new("tag", "K=V", "", Repeatable: true),
        new("from", "TIME", ""),
        new("dry-run", null, ""),
    ];

    [Fact]
    public void Parse_EqualsAndSpaceForms_GiveSameValues()
    {
        var a = ArgumentParser.Parse(["--name=rtt", "--from=-1h"], Specs, "query");
        var b = ArgumentParser.Parse(["--name", "rtt", "--from", "-1h"], Specs, "query");

        Assert.Equal(("rtt", "-1h"), (a.Value("name"), a.Value("from")));
        Assert.Equal(("rtt", "-1h"), (b.Value("name"), b.Value("from")));
    }

    [Fact]
    public void Parse_RepeatableOption_KeepsEveryValueInOrder()
    {
        var parsed = ArgumentParser.Parse(["--tag", "a=1", "--tag=b=2=3"], Specs, "query");
        Assert.Equal(["a=1", "b=2=3"], parsed.Values("tag"));
    }

    [Fact]
    public void Parse_FlagsAndPositionals_AreSeparated()
    {
        var parsed = ArgumentParser.Parse(["one", "--dry-run", "two", "-h"], Specs, "query");

        Assert.True(parsed.Has("dry-run"));
        Assert.True(parsed.Has("help"));
        Assert.False(parsed.Has("name"));
        Assert.Equal(["one", "two"], parsed.Positionals);
    }

    [Fact]
    public void Parse_EmptyValue_IsKept()
    {
        var parsed = ArgumentParser.Parse(["--name="], Specs, "query");
        Assert.Equal("", parsed.Value("name"));
    }

    [Theory]
    [InlineData(new[] { "--nam", "x" }, "unknown option '--nam' for 'query'; see 'fathom help query'")]
    [InlineData(new[] { "--from" }, "option --from needs a value (TIME)")]
    [InlineData(new[] { "--dry-run=1" }, "option --dry-run takes no value")]
    [InlineData(new[] { "--from", "-1h", "--from=-2h" }, "option --from is given more than once")]
    public void Parse_BadOptions_ThrowUsage(string[] args, string message) =>
        Assert.Equal(message, Assert.Throws<UsageException>(() => ArgumentParser.Parse(args, Specs, "query")).Message);
}
