namespace Fathom.Cli;

/// <summary>Reads --url: an absolute http or https address of a fathomd API (a path in it is ignored).</summary>
internal static class UrlArgument
{
    public const string Default = "http://127.0.0.1:8085";

    public static Uri Parse(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            throw new UsageException($"--url: '{text}' is not an http:// or https:// address (e.g. {Default})");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority));
    }
}
