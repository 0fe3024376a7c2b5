namespace Fathom.Core.Configuration.ConfigGeneral;

/// <summary>The bits of Perl semantics the reference parser relies on: truthiness and Unicode whitespace.</summary>
internal static class PerlText
{
    // Perl's \s on character strings (Unicode White_Space), spelled out because .NET's \s is not quite the same set.
    public const string Ws = @"[\t\n\x0B\f\r\x20\x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]";

    public const string NotWs = @"[^\t\n\x0B\f\r\x20\x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]";

    /// <summary>Perl's boolean value of a string: undef, "" and "0" are false.</summary>
    public static bool IsTrue(string? value) => value is { Length: > 0 } and not "0";

    /// <summary>Perl's <c>$a || $b</c> on strings.</summary>
    public static string? Or(string? first, string? second) => IsTrue(first) ? first : second;

    public static bool IsWs(char c) => c switch
    {
        '\t' or '\n' or '\x0B' or '\f' or '\r' or ' ' or '\x85' or '\xA0' or '\u1680' => true,
        >= '\u2000' and <= '\u200A' => true,
        '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' => true,
        _ => false,
    };

    public static string TrimStart(string value)
    {
        var start = 0;
        while (start < value.Length && IsWs(value[start]))
        {
            start++;
        }

        return value[start..];
    }

    public static string Trim(string value)
    {
        var end = value.Length;
        while (end > 0 && IsWs(value[end - 1]))
        {
            end--;
        }

        return TrimStart(value[..end]);
    }
}
