namespace Fathom.Core.Configuration;

/// <summary>A configuration mistake, with the file and line it comes from.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(ConfigLocation location, string problem)
        : base($"{location}: {problem}")
    {
        Location = location;
        Problem = problem;
    }

    public ConfigException(string message) : base(message) => Problem = message;

    public ConfigException(string message, Exception inner) : base(message, inner) => Problem = message;

    public ConfigException() : this("invalid configuration")
    {
    }

    /// <summary>Where the mistake is; null when it has no single place.</summary>
    public ConfigLocation? Location { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
