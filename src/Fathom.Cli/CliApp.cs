using System.Reflection;
using Fathom.Core.Storage;

namespace Fathom.Cli;

/// <summary>Finds the command, parses its options and turns every failure into a one-line message and an exit code.</summary>
internal sealed class CliApp
{
    private readonly IReadOnlyList<ICommand> _commands = new HelpCommand(
    [
        new SeriesCommand(),
        new QueryCommand(),
        new EventsCommand(),
        new StatusCommand(),
        new CollectorsCommand(),
        new MetricsCommand(),
        new ArchiveCheckCommand(),
        new ArchiveCompactCommand(),
        new ArchiveExportCommand(),
        new LookupServerCommand(),
        new LookupQueryCommand(),
        new LookupStatusCommand(),
    ]).Commands;

    /// <summary>The product version without the source revision suffix.</summary>
    public static string Version { get; } =
        (typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    public int Run(IReadOnlyList<string> args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var error = context.Console.Error;
        try
        {
            return Dispatch(args, context);
        }
        catch (UsageException e)
        {
            error.WriteLine($"fathom: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (ArchiveException e)
        {
            // A missing or foreign archive is the caller's mistake; damage, a holder or a failed read is not.
            error.WriteLine($"fathom: {e.Message}");
            return e.Kind == ArchiveErrorKind.Unusable ? ExitCodes.Usage : ExitCodes.Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"fathom: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private int Dispatch(IReadOnlyList<string> args, CliContext context)
    {
        if (args.Count == 0)
        {
            HelpCommand.WriteOverview(context.Console.Error, _commands);
            return ExitCodes.Usage;
        }

        switch (args[0])
        {
            case "--help" or "-h":
                HelpCommand.WriteOverview(context.Console.Out, _commands);
                return ExitCodes.Ok;
            case "--version":
                context.Console.Out.WriteLine($"fathom {Version}");
                return ExitCodes.Ok;
        }

        if (args[0].StartsWith('-'))
        {
            throw new UsageException($"unknown option '{args[0]}'; run 'fathom help'");
        }

        var (command, words) = CommandGroups.Find(_commands, args);
        if (command is null)
        {
            CommandGroups.WriteHelp(context.Console.Out, args[0], CommandGroups.Members(_commands, args[0]));
            return ExitCodes.Ok;
        }

        var arguments = ArgumentParser.Parse([.. args.Skip(words)], command.Options, command.Name);
        if (arguments.Has(ArgumentParser.Help.Name))
        {
            HelpCommand.WriteCommand(context.Console.Out, command);
            return ExitCodes.Ok;
        }

        if (command is not HelpCommand && !command.TakesPositionals && arguments.Positionals.Count > 0)
        {
            throw new UsageException($"unexpected argument '{arguments.Positionals[0]}' for '{command.Name}'; see 'fathom help {command.Name}'");
        }

        return command.Run(arguments, context);
    }
}
