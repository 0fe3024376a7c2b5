namespace Fathom.Cli;

/// <summary>Reads a --tag value "key=value"; the value may contain '=' but the key may not be empty.</summary>
internal static class TagArgument
{
    public static KeyValuePair<string, string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new UsageException($"--tag: '{text}' is not key=value");
        }

        return new(text[..equals], text[(equals + 1)..]);
    }
}
