namespace Fathom.Cli;

/// <summary>One "fathom NAME" command.</summary>
internal interface ICommand
{
    string Name { get; }

    /// <summary>One line for the command list in "fathom help".</summary>
    string Summary { get; }

    /// <summary>The usage line after "fathom", e.g. "query --name NAME [options]".</summary>
    string Usage { get; }

    IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>True when the command takes positional arguments (e.g. "lookup query key=value..."); others refuse them.</summary>
    bool TakesPositionals => false;

    int Run(ParsedArguments arguments, CliContext context);
}
