using Fathom.Core.Text;

namespace Fathom.Archive;

/// <summary>Shell-style name matching with only '*' (any run) and '?' (one character), case-sensitive.</summary>
public static class NameGlob
{
    public static bool IsMatch(string pattern, string text)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(text);
        return Glob.IsMatch(pattern, text, ignoreCase: false, questionMark: true);
    }
}
