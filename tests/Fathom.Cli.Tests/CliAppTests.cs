namespace Fathom.Cli.Tests;

public sealed class CliAppTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Run_Help_ListsCommandsOnStdout(string arg)
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run(arg));

        Assert.Contains("Usage: fathom COMMAND", _cli.Console.OutText, StringComparison.Ordinal);
        Assert.Contains("  series", _cli.Console.OutText, StringComparison.Ordinal);
        Assert.Contains("  query", _cli.Console.OutText, StringComparison.Ordinal);
        Assert.Empty(_cli.Console.ErrorText);
    }

    [Fact]
    public void Run_Version_PrintsProductVersion()
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run("--version"));
        Assert.Equal("fathom 0.1.0\n", _cli.Console.OutText);
    }

    [Theory]
    [InlineData("help", "query")]
    [InlineData("query", "--help")]
    public void Run_CommandHelp_ShowsItsOptions(string first, string second)
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run(first, second));

        Assert.StartsWith("Usage: fathom query --name NAME", _cli.Console.OutText, StringComparison.Ordinal);
        Assert.Contains("--tag KEY=VALUE", _cli.Console.OutText, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoArguments_PrintsHelpOnStderrAndExitsWithUsage()
    {
        Assert.Equal(ExitCodes.Usage, _cli.Run());
        Assert.Contains("Usage: fathom COMMAND", _cli.Console.ErrorText, StringComparison.Ordinal);
        Assert.Empty(_cli.Console.OutText);
    }

    [Theory]
    [InlineData(new[] { "export" }, "unknown command 'export'; run 'fathom help'")]
    [InlineData(new[] { "--verbose" }, "unknown option '--verbose'; run 'fathom help'")]
    [InlineData(new[] { "help", "export" }, "unknown command 'export'; run 'fathom help'")]
    [InlineData(new[] { "series", "--help=yes" }, "option --help takes no value")]
    public void Run_UnknownCommandOrOption_ExitsWithUsage(string[] args, string message)
    {
        Assert.Equal(ExitCodes.Usage, _cli.Run(args));
        Assert.Equal($"fathom: {message}\n", _cli.Console.ErrorText);
    }

    [Fact]
    public void Run_DefaultArchiveMissing_NamesTheDefaultPath()
    {
        Assert.Equal(ExitCodes.Usage, _cli.Run("series"));
        Assert.Equal($"fathom: no archive at {_cli.ArchivePath}\n", _cli.Console.ErrorText);
    }
}
