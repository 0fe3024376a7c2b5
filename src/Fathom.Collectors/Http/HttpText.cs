using System.Text;

namespace Fathom.Collectors.Http;

/// <summary>Small HTTP text helpers: token characters and printable excerpts for reasons.</summary>
internal static class HttpText
{
    public static bool IsToken(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && "!#$%&'*+-.^_`|~".IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>At most 60 characters, control characters escaped: safe to put in a reason.</summary>
    public static string Excerpt(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.Length > 60 ? text[..60] : text)
        {
            _ = c is < ' ' or > '~' ? sb.Append($"\\x{(int)c:x2}") : sb.Append(c);
        }

        return text.Length > 60 ? sb.Append("...").ToString() : sb.ToString();
    }
}
