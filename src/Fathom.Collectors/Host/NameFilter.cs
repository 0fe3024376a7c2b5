using System.IO.Enumeration;
using Fathom.Core.Collectors;

namespace Fathom.Collectors.Host;

/// <summary>Include patterns (* and ? wildcards) from a repeated key; no pattern includes everything.</summary>
internal sealed class NameFilter
{
    private readonly string[] _patterns;

    private NameFilter(string[] patterns) => _patterns = patterns;

    public static NameFilter All { get; } = new([]);

    /// <summary>Reads and checks <paramref name="key"/>'s patterns; <paramref name="absolute"/> requires a leading '/' or '*'.</summary>
    public static NameFilter FromConfig(CollectorConfig config, string key, bool absolute)
    {
        var patterns = config.GetStrings(key);
        foreach (var p in patterns)
        {
            if (p.AsSpan().IndexOfAny("[]{}\\") >= 0)
            {
                throw config.Error(key, $"pattern '{p}' may only use the wildcards * and ?");
            }

            if (p.AsSpan().IndexOfAny(" \t\n") >= 0)
            {
                throw config.Error(key, $"pattern '{p}' contains white space; give one pattern per line");
            }

            if (absolute && p[0] is not ('/' or '*'))
            {
                throw config.Error(key, $"pattern '{p}' must be an absolute mount point (start with /)");
            }

            if (!absolute && p.Contains('/', StringComparison.Ordinal))
            {
                throw config.Error(key, $"pattern '{p}' is a name and cannot contain '/'");
            }
        }

        return new NameFilter([.. patterns]);
    }

    public bool IsEmpty => _patterns.Length == 0;

    public bool Includes(ReadOnlySpan<char> name)
    {
        if (_patterns.Length == 0)
        {
            return true;
        }

        foreach (var p in _patterns)
        {
            if (FileSystemName.MatchesSimpleExpression(p, name, ignoreCase: false))
            {
                return true;
            }
        }

        return false;
    }
}
