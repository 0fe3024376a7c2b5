namespace Fathom.Cli;

/// <summary>
/// Parses "--key=value", "--key value" and flags against a command's options. An option that takes
/// a value takes the next argument whatever it looks like, so "--from -1h" works.
/// </summary>
internal static class ArgumentParser
{
    public static readonly OptionSpec Help = new("help", null, "Show this help");

    public static ParsedArguments Parse(IReadOnlyList<string> args, IReadOnlyList<OptionSpec> specs, string command)
    {
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var positionals = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h")
            {
                arg = "--help";
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                positionals.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            var spec = Find(specs, name)
                ?? throw new UsageException($"unknown option '--{name}' for '{command}'; see 'fathom help {command}'");
            string value;
            if (!spec.TakesValue)
            {
                if (equals >= 0)
                {
                    throw new UsageException($"option --{name} takes no value");
                }

                value = "";
            }
            else if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"option --{name} needs a value ({spec.ValueName})");
            }

            if (!options.TryGetValue(name, out var values))
            {
                options[name] = values = [];
            }
            else if (!spec.Repeatable)
            {
                throw new UsageException($"option --{name} is given more than once");
            }

            values.Add(value);
        }

        return new ParsedArguments(options, positionals);
    }

    private static OptionSpec? Find(IReadOnlyList<OptionSpec> specs, string name)
    {
        if (name == Help.Name)
        {
            return Help;
        }

        foreach (var spec in specs)
        {
            if (spec.Name == name)
            {
                return spec;
            }
        }

        return null;
    }
}
