namespace Fathom.Core.Configuration;

/// <summary>Every mistake found in one configuration, reported together.</summary>
public sealed class ConfigErrors : Exception
{
    public ConfigErrors(IReadOnlyList<ConfigException> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => e.Message))) => Errors = errors;

    public ConfigErrors() : this([])
    {
    }

    public ConfigErrors(string message) : this([new ConfigException(message)])
    {
    }

    public ConfigErrors(string message, Exception inner) : base(message, inner) => Errors = [new ConfigException(message)];

    public IReadOnlyList<ConfigException> Errors { get; }
}
