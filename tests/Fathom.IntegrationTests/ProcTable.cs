using System.Globalization;

namespace Fathom.IntegrationTests;

/// <summary>Reads /proc: which processes exist, their command lines, parents and sessions.</summary>
internal static class ProcTable
{
    public static bool Exists(int pid)
    {
        var stat = Stat(pid);
        return stat is not null && stat.State != 'Z';
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Live processes whose argv starts with <paramref name="prefix"/>.</summary>
    public static IReadOnlyList<int> WithCommandPrefix(string prefix)
    {
        var list = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Exists(pid) && CommandLine(pid).StartsWith(prefix, StringComparison.Ordinal))
            {
                list.Add(pid);
            }
        }

        return list;
    }

    /// <summary>Live processes whose command line contains <paramref name="text"/>.</summary>
    public static IReadOnlyList<int> WithCommandContaining(string text)
    {
        var list = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && pid != Environment.ProcessId && Exists(pid) && CommandLine(pid).Contains(text, StringComparison.Ordinal))
            {
                list.Add(pid);
            }
        }

        return list;
    }

    public static IReadOnlyList<int> ChildrenOf(int parent)
    {
        var list = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Stat(pid) is { } s && s.Parent == parent && s.State != 'Z')
            {
                list.Add(pid);
            }
        }

        return list;
    }

    public static ProcStat? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // The command name may contain spaces and parentheses: fields start after the last ')'.
        var rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return new ProcStat(rest[0][0], int.Parse(rest[1], CultureInfo.InvariantCulture), int.Parse(rest[2], CultureInfo.InvariantCulture), int.Parse(rest[3], CultureInfo.InvariantCulture));
    }

    public static string? StatusField(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    return line[(field.Length + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }
}

internal sealed record ProcStat(char State, int Parent, int ProcessGroup, int Session);
