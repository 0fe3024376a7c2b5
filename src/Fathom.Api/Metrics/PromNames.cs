using System.Text;

namespace Fathom.Api.Metrics;

/// <summary>
/// Prometheus' naming and escaping rules: metric names [a-zA-Z_:][a-zA-Z0-9_:]*, label names
/// [a-zA-Z_][a-zA-Z0-9_]* (names starting "__" are Prometheus' own), label values with \\, \" and
/// \n escaped, HELP text with \\ and \n (and \" in OpenMetrics) escaped.
/// </summary>
internal static class PromNames
{
    /// <summary>Every character outside the rule becomes '_' (dots included); a leading digit gets a '_' before it.</summary>
    public static string MetricName(string raw) => Sanitize(raw, allowColon: true);

    /// <summary>As <see cref="MetricName"/> without ':'; a name Prometheus reserves ("__x") becomes "tag__x".</summary>
    public static string LabelName(string raw)
    {
        var name = Sanitize(raw, allowColon: false);
        return name.StartsWith("__", StringComparison.Ordinal) ? "tag" + name : name;
    }

    public static void AppendLabelValue(StringBuilder sb, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => sb.Append(@"\\"),
                '"' => sb.Append("\\\""),
                '\n' => sb.Append(@"\n"),
                _ => sb.Append(c),
            };
        }
    }

    public static string EscapeLabelValue(string value)
    {
        var sb = new StringBuilder(value.Length + 4);
        AppendLabelValue(sb, value);
        return sb.ToString();
    }

    public static string EscapeHelp(string text, ExpositionFormat format)
    {
        var sb = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => sb.Append(@"\\"),
                '\n' => sb.Append(@"\n"),
                '"' when format == ExpositionFormat.OpenMetrics => sb.Append("\\\""),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    private static string Sanitize(string raw, bool allowColon)
    {
        if (raw.Length == 0)
        {
            return "_";
        }

        var sb = new StringBuilder(raw.Length + 1);
        if (char.IsAsciiDigit(raw[0]))
        {
            sb.Append('_');
        }

        foreach (var c in raw)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }

        return sb.ToString();
    }
}
