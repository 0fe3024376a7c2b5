using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Logging;

/// <summary>Minimum levels (global and per category prefix) and where lines go.</summary>
internal sealed class LogSettings
{
    public LogLevel Level { get; set; } = LogLevel.Information;

    /// <summary>Category prefix → minimum level; the longest matching prefix wins.</summary>
    public Dictionary<string, LogLevel> Categories { get; } = new(StringComparer.Ordinal);

    /// <summary>"stderr", "stdout", "syslog", "none" or a file path; null: the default for the mode.</summary>
    public string? Output { get; set; }

    public LogLevel LevelFor(string category)
    {
        var best = -1;
        var level = Level;
        foreach (var (prefix, l) in Categories)
        {
            if (prefix.Length > best && category.StartsWith(prefix, StringComparison.Ordinal))
            {
                best = prefix.Length;
                level = l;
            }
        }

        return level;
    }
}
