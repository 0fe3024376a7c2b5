using Fathom.Collectors.Common.Processes;
using Fathom.Core.Collectors;
using Fathom.Core.Processes;

namespace Fathom.Collectors.Script;

/// <summary>Reads and checks the script collector's keys, with file:line errors.</summary>
internal static class ScriptConfig
{
    /// <summary>
    /// A relative path resolves against the config file's folder; a bare name that is not a file
    /// there is looked up on PATH (so "command ping" and "command check.sh" both work).
    /// </summary>
    public static string ResolveCommand(CollectorConfig config)
    {
        var command = config.GetRequiredString("command");
        if (!command.Contains('/', StringComparison.Ordinal) && !File.Exists(config.ResolvePath(command)))
        {
            return ExecutableSearch.Find(command)
                ?? throw config.Error("command", $"'{command}' is neither a file in {config.BaseDirectory} nor found on PATH ({System.Environment.GetEnvironmentVariable("PATH")})");
        }

        var path = config.ResolvePath(command);
        if (!File.Exists(path))
        {
            throw config.Error("command", $"{path} does not exist");
        }

        return ExecutableSearch.IsExecutableFile(path) ? path : throw config.Error("command", $"{path} is not executable");
    }

    public static List<string> Arguments(CollectorConfig config)
    {
        try
        {
            return ShellWords.Split(config.GetString("arguments", ""));
        }
        catch (FormatException e)
        {
            throw config.Error("arguments", e.Message);
        }
    }

    /// <summary>Our environment plus the NAME=value overrides.</summary>
    public static IReadOnlyList<string> Environment(CollectorConfig config)
    {
        var overrides = new List<KeyValuePair<string, string?>>();
        foreach (var entry in config.GetStrings("environment"))
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? entry : entry[..eq];
            if (eq <= 0 || !IsName(name))
            {
                throw config.Error("environment", $"'{entry}' must be NAME=value with NAME made of letters, digits and _");
            }

            overrides.Add(new(name, entry[(eq + 1)..]));
        }

        return SpawnOptions.CurrentEnvironment([.. overrides]);
    }

    public static string? WorkingDirectory(CollectorConfig config)
    {
        if (config.GetOptionalString("working_directory") is not { } dir)
        {
            return null;
        }

        var path = config.ResolvePath(dir);
        return Directory.Exists(path) ? path : throw config.Error("working_directory", $"{path} is not a directory");
    }

    private static bool IsName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
