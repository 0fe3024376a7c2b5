namespace Fathom.Cli;

/// <summary>An option a command accepts: a flag when <see cref="ValueName"/> is null, else one taking a value.</summary>
internal sealed record OptionSpec(string Name, string? ValueName, string Help, bool Repeatable = false)
{
    public bool TakesValue => ValueName is not null;
}
