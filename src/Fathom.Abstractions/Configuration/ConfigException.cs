namespace Fathom.Core.Configuration;

/// <summary>A configuration mistake, with the file and line it comes from.</summary>
public sealed class ConfigException : Exception
{
    /// <summary>A mistake at <paramref name="location"/>; the message reads file:line: problem.</summary>
    public ConfigException(ConfigLocation location, string problem)
        : base($"{location}: {problem}")
    {
        Location = location;
        Problem = problem;
    }

    /// <summary>A mistake with no single place.</summary>
    public ConfigException(string message) : base(message) => Problem = message;

    /// <summary>A mistake with no single place, caused by <paramref name="inner"/>.</summary>
    public ConfigException(string message, Exception inner) : base(message, inner) => Problem = message;

    /// <summary>An unspecified configuration mistake.</summary>
    public ConfigException() : this("invalid configuration")
    {
    }

    /// <summary>Where the mistake is; null when it has no single place.</summary>
    public ConfigLocation? Location { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
