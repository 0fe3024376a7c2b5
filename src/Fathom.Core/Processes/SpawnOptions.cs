using System.Collections;

namespace Fathom.Core.Processes;

/// <summary>Everything <see cref="ChildProcess.Start"/> needs; argv[0] is given explicitly.</summary>
public sealed class SpawnOptions
{
    /// <summary>The program's path (no PATH lookup; see <see cref="ExecutableSearch"/>).</summary>
    public required string Executable { get; init; }

    /// <summary>The full argument vector, argv[0] included (what ps shows).</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>NAME=value entries, the complete environment; default a copy of ours.</summary>
    public IReadOnlyList<string> Environment { get; init; } = CurrentEnvironment();

    public string? WorkingDirectory { get; init; }

    /// <summary>Put the child in a new process group of its own (pgid = its pid).</summary>
    public bool NewProcessGroup { get; init; }

    /// <summary>Make the child the leader of a new session (and so of a new group).</summary>
    public bool NewSession { get; init; }

    public StdioMode StandardInput { get; init; } = StdioMode.Null;

    public StdioMode StandardOutput { get; init; } = StdioMode.Null;

    public StdioMode StandardError { get; init; } = StdioMode.Inherit;

    public IReadOnlyList<ExtraPipe> ExtraPipes { get; init; } = [];

    /// <summary>Our environment plus <paramref name="overrides"/>; a null value removes the name.</summary>
    public static IReadOnlyList<string> CurrentEnvironment(params ReadOnlySpan<KeyValuePair<string, string?>> overrides)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables())
        {
            map[(string)e.Key] = (string?)e.Value ?? "";
        }

        foreach (var (name, value) in overrides)
        {
            if (value is null)
            {
                map.Remove(name);
            }
            else
            {
                map[name] = value;
            }
        }

        var list = new List<string>(map.Count);
        foreach (var (name, value) in map)
        {
            list.Add(name + "=" + value);
        }

        return list;
    }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Executable);
        if (Arguments.Count == 0)
        {
            throw new ArgumentException("argv needs at least argv[0]", nameof(Arguments));
        }

        var seen = new HashSet<int>();
        foreach (var p in ExtraPipes)
        {
            if (p.ChildFd < 3 || !seen.Add(p.ChildFd))
            {
                throw new ArgumentException($"extra pipe fd {p.ChildFd} must be 3 or more and unique", nameof(ExtraPipes));
            }
        }
    }
}
