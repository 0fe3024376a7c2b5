namespace Fathom.Cli;

/// <summary>A command's options (by name, without dashes) and positional arguments.</summary>
internal sealed class ParsedArguments(IReadOnlyDictionary<string, List<string>> options, IReadOnlyList<string> positionals)
{
    public IReadOnlyList<string> Positionals { get; } = positionals;

    public bool Has(string name) => options.ContainsKey(name);

    public string? Value(string name) => options.TryGetValue(name, out var values) ? values[^1] : null;

    public IReadOnlyList<string> Values(string name) => options.TryGetValue(name, out var values) ? values : [];
}
