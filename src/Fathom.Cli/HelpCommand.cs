namespace Fathom.Cli;

/// <summary>fathom help [COMMAND]: the command list, or one command's usage and options.</summary>
internal sealed class HelpCommand : ICommand
{
    private readonly ICommand[] _commands;

    /// <summary>Help for the other commands and itself, listed in the given order with help last.</summary>
    public HelpCommand(IEnumerable<ICommand> others) => _commands = [.. others, this];

    public IReadOnlyList<ICommand> Commands => _commands;

    public string Name => "help";

    public string Summary => "Show help for fathom or one of its commands";

    public string Usage => "help [COMMAND [SUBCOMMAND]]";

    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public int Run(ParsedArguments arguments, CliContext context)
    {
        if (arguments.Positionals.Count == 0)
        {
            WriteOverview(context.Console.Out, _commands);
            return ExitCodes.Ok;
        }

        if (arguments.Positionals.Count > 2)
        {
            throw new UsageException("help takes one command name, e.g. 'fathom help query' or 'fathom help archive export'");
        }

        var name = string.Join(' ', arguments.Positionals);
        if (_commands.FirstOrDefault(c => c.Name == name) is { } command)
        {
            WriteCommand(context.Console.Out, command);
            return ExitCodes.Ok;
        }

        var members = CommandGroups.Members(_commands, name);
        if (members.Count == 0)
        {
            throw new UsageException($"unknown command '{name}'; run 'fathom help'");
        }

        CommandGroups.WriteHelp(context.Console.Out, name, members);
        return ExitCodes.Ok;
    }

    public static void WriteOverview(TextWriter output, IReadOnlyList<ICommand> commands)
    {
        output.WriteLine($"fathom {CliApp.Version} - read the Fathom measurement archive");
        output.WriteLine();
        output.WriteLine("Usage: fathom COMMAND [OPTIONS]");
        output.WriteLine();
        output.WriteLine("Commands:");
        var width = commands.Max(c => c.Name.Length);
        foreach (var command in commands)
        {
            output.WriteLine($"  {command.Name.PadRight(width)}  {command.Summary}");
        }

        output.WriteLine();
        output.WriteLine("Options:");
        output.WriteLine("  --help     Show this help");
        output.WriteLine("  --version  Show the version");
        output.WriteLine();
        output.WriteLine("Options take a value as --key=value or --key value. Run 'fathom help COMMAND' for a command's options.");
    }

    public static void WriteCommand(TextWriter output, ICommand command)
    {
        output.WriteLine($"Usage: fathom {command.Usage}");
        output.WriteLine();
        output.WriteLine(command.Summary + ".");
        var options = command.Options.Append(ArgumentParser.Help).ToArray();
        var labels = options.Select(o => o.TakesValue ? $"--{o.Name} {o.ValueName}" : $"--{o.Name}").ToArray();
        var width = labels.Max(l => l.Length);
        output.WriteLine();
        output.WriteLine("Options:");
        for (var i = 0; i < options.Length; i++)
        {
            output.WriteLine($"  {labels[i].PadRight(width)}  {options[i].Help}");
        }
    }
}
