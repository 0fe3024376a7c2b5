namespace Fathom.Cli;

/// <summary>
/// Two-word commands ("archive check") form a group named by their first word; the group alone
/// is not a command, so "fathom archive" asks for a subcommand and "fathom help archive" lists them.
/// </summary>
internal static class CommandGroups
{
    /// <summary>The commands of group <paramref name="group"/>, empty when there is no such group.</summary>
    public static IReadOnlyList<ICommand> Members(IReadOnlyList<ICommand> commands, string group) =>
        [.. commands.Where(c => c.Name.StartsWith(group + " ", StringComparison.Ordinal))];

    /// <summary>
    /// The command the leading words of <paramref name="args"/> name, and how many words that took;
    /// null with 1 word when they ask for a group's help ("archive --help").
    /// </summary>
    public static (ICommand? Command, int Words) Find(IReadOnlyList<ICommand> commands, IReadOnlyList<string> args)
    {
        var first = args[0];
        if (commands.FirstOrDefault(c => c.Name == first) is { } single)
        {
            return (single, 1);
        }

        var members = Members(commands, first);
        if (members.Count == 0)
        {
            throw new UsageException($"unknown command '{first}'; run 'fathom help'");
        }

        if (args.Count > 1 && args[1] is "--help" or "-h")
        {
            return (null, 1);
        }

        if (args.Count == 1 || args[1].StartsWith('-'))
        {
            throw new UsageException($"'{first}' needs a subcommand: {SubcommandList(members)}; see 'fathom help {first}'");
        }

        return (commands.FirstOrDefault(c => c.Name == $"{first} {args[1]}") ?? throw new UsageException(
            $"unknown subcommand '{args[1]}' for '{first}' (one of {SubcommandList(members)}); see 'fathom help {first}'"), 2);
    }

    public static void WriteHelp(TextWriter output, string group, IReadOnlyList<ICommand> members)
    {
        output.WriteLine($"Usage: fathom {group} SUBCOMMAND [OPTIONS]");
        output.WriteLine();
        output.WriteLine("Subcommands:");
        var width = members.Max(c => c.Name.Length);
        foreach (var command in members)
        {
            output.WriteLine($"  {command.Name.PadRight(width)}  {command.Summary}");
        }

        output.WriteLine();
        output.WriteLine($"Run 'fathom help {group} SUBCOMMAND' for a subcommand's options.");
    }

    private static string SubcommandList(IReadOnlyList<ICommand> members) =>
        string.Join(", ", members.Select(m => m.Name[(m.Name.IndexOf(' ', StringComparison.Ordinal) + 1)..]));
}
