using System.Text;

namespace Fathom.Collectors.Common.Processes;

/// <summary>
/// Splits one string into words like a POSIX shell does (quotes and backslashes), without any
/// expansion: no variables, globs or command substitution, since no shell is involved.
/// </summary>
internal static class ShellWords
{
    /// <summary>The words of <paramref name="text"/>; <see cref="FormatException"/> for an unterminated quote.</summary>
    public static List<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    continue;
                case '\'':
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        throw new FormatException($"unterminated single quote at character {i + 1}");
                    }

                    word.Append(text, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    i = DoubleQuoted(text, i, word);
                    break;
                case '\\' when i + 1 < text.Length:
                    // Backslash-newline is a line continuation, anything else is taken literally.
                    if (text[++i] != '\n')
                    {
                        word.Append(text[i]);
                    }

                    break;
                default:
                    word.Append(c);
                    break;
            }

            inWord = true;
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>Appends a "..." section starting at <paramref name="open"/>; returns the closing quote's index.</summary>
    private static int DoubleQuoted(string text, int open, StringBuilder word)
    {
        for (var i = open + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                return i;
            }

            // Inside double quotes a backslash only escapes $ ` " \ and newline.
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '$' or '`' or '"' or '\\' or '\n')
            {
                i++;
                if (text[i] != '\n')
                {
                    word.Append(text[i]);
                }

                continue;
            }

            word.Append(c);
        }

        throw new FormatException($"unterminated double quote at character {open + 1}");
    }
}
