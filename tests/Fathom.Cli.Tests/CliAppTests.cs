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

    [Theory]
    [InlineData("help", "archive")]
    [InlineData("archive", "--help")]
    public void Run_GroupHelp_ListsTheSubcommands(string first, string second)
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run(first, second));

        Assert.Equal(
            """
            Usage: fathom archive SUBCOMMAND [OPTIONS]

            Subcommands:
              archive check    Check an archive's integrity and that every stored point decodes
              archive compact  Shrink an archive file (WAL checkpoint and VACUUM); stop fathomd first
              archive export   Export raw points as InfluxDB line protocol or CSV

            Run 'fathom help archive SUBCOMMAND' for a subcommand's options.

            """,
            _cli.Console.OutText);
    }

    [Theory]
    [InlineData("help", "archive", "export")]
    [InlineData("archive", "export", "--help")]
    public void Run_SubcommandHelp_ShowsItsOptions(string first, string second, string third)
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run(first, second, third));

        Assert.StartsWith("Usage: fathom archive export --archive FILE [--format influx|csv]", _cli.Console.OutText, StringComparison.Ordinal);
        Assert.Contains("  --output FILE ", _cli.Console.OutText, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Help_ListsTheNewCommands()
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run("help"));

        foreach (var name in new[] { "  events ", "  status ", "  archive check ", "  archive compact ", "  archive export " })
        {
            Assert.Contains(name, _cli.Console.OutText, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new[] { "archive" }, "'archive' needs a subcommand: check, compact, export; see 'fathom help archive'")]
    [InlineData(new[] { "archive", "--archive", "x.db" }, "'archive' needs a subcommand: check, compact, export; see 'fathom help archive'")]
    [InlineData(new[] { "archive", "repair" }, "unknown subcommand 'repair' for 'archive' (one of check, compact, export); see 'fathom help archive'")]
    [InlineData(new[] { "help", "archive", "repair" }, "unknown command 'archive repair'; run 'fathom help'")]
    [InlineData(new[] { "help", "archive", "check", "now" }, "help takes one command name, e.g. 'fathom help query' or 'fathom help archive export'")]
    [InlineData(new[] { "archive", "check", "--archive", "x.db", "extra" }, "unexpected argument 'extra' for 'archive check'; see 'fathom help archive check'")]
    public void Run_BadSubcommand_ExitsWithUsage(string[] args, string message)
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
