using System.Globalization;
using System.Text;

namespace Fathom.Collectors.Script;

/// <summary>
/// InfluxDB line protocol: measurement[,tag=value...] field=value[,field=value...] [timestamp ns].
/// Backslash escapes ',', ' ' and '=' in names and tags; string fields are double-quoted.
/// </summary>
internal static class InfluxParser
{
    /// <summary>Parses one non-blank, non-comment line; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string line, out InfluxPoint? point, out string error)
    {
        point = null;
        var pos = 0;
        var measurement = Token(line, ref pos, inTag: false);
        if (measurement.Length == 0)
        {
            return Fail(out error, "missing measurement name");
        }

        var tags = new List<KeyValuePair<string, string>>();
        while (pos < line.Length && line[pos] == ',')
        {
            pos++;
            var key = Token(line, ref pos, inTag: true);
            if (key.Length == 0 || !Expect(line, ref pos, '='))
            {
                return Fail(out error, $"malformed tag at character {pos + 1}");
            }

            var value = Token(line, ref pos, inTag: true);
            if (value.Length == 0 || (pos < line.Length && line[pos] == '='))
            {
                return Fail(out error, $"malformed value of tag '{key}'");
            }

            tags.Add(new(key, value));
        }

        if (!SkipSpaces(line, ref pos))
        {
            return Fail(out error, "no fields");
        }

        var fields = new List<KeyValuePair<string, FieldValue>>();
        while (true)
        {
            var key = Token(line, ref pos, inTag: true);
            if (key.Length == 0 || !Expect(line, ref pos, '='))
            {
                return Fail(out error, $"malformed field at character {pos + 1}");
            }

            if (!TryFieldValue(line, ref pos, out var value))
            {
                return Fail(out error, $"field '{key}' has an invalid value");
            }

            fields.Add(new(key, value));
            if (pos < line.Length && line[pos] == ',')
            {
                pos++;
                continue;
            }

            break;
        }

        if (pos < line.Length && line[pos] != ' ')
        {
            return Fail(out error, $"unexpected '{line[pos]}' at character {pos + 1}");
        }

        long? time = null;
        if (SkipSpaces(line, ref pos))
        {
            var text = line.AsSpan(pos).TrimEnd();
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ns))
            {
                return Fail(out error, $"invalid timestamp '{text}'");
            }

            time = ns;
        }

        point = new InfluxPoint(measurement, tags, fields, time);
        error = "";
        return true;
    }

    private static bool Fail(out string error, string message)
    {
        error = message;
        return false;
    }

    /// <summary>Reads up to an unescaped ',' or ' ' (and '=' in tags and field keys), undoing escapes.</summary>
    private static string Token(string line, ref int pos, bool inTag)
    {
        var sb = new StringBuilder();
        while (pos < line.Length)
        {
            var c = line[pos];
            if (c is ',' or ' ' || (inTag && c == '='))
            {
                break;
            }

            if (c == '\\' && pos + 1 < line.Length && line[pos + 1] is ',' or ' ' or '=' or '\\')
            {
                c = line[++pos];
            }

            sb.Append(c);
            pos++;
        }

        return sb.ToString();
    }

    private static bool TryFieldValue(string line, ref int pos, out FieldValue value)
    {
        value = default;
        if (pos < line.Length && line[pos] == '"')
        {
            var sb = new StringBuilder();
            for (pos++; pos < line.Length; pos++)
            {
                var c = line[pos];
                if (c == '"')
                {
                    pos++;
                    value = new FieldValue(0, sb.ToString());
                    return true;
                }

                if (c == '\\' && pos + 1 < line.Length && line[pos + 1] is '"' or '\\')
                {
                    c = line[++pos];
                }

                sb.Append(c);
            }

            return false; // unterminated string
        }

        var start = pos;
        while (pos < line.Length && line[pos] is not (',' or ' '))
        {
            pos++;
        }

        return TryNumber(line.AsSpan(start, pos - start), out value);
    }

    private static bool TryNumber(ReadOnlySpan<char> raw, out FieldValue value)
    {
        value = default;
        if (raw.IsEmpty)
        {
            return false;
        }

        var inv = CultureInfo.InvariantCulture;
        switch (raw)
        {
            case "t" or "T" or "true" or "True" or "TRUE":
                value = new FieldValue(1, null);
                return true;
            case "f" or "F" or "false" or "False" or "FALSE":
                value = new FieldValue(0, null);
                return true;
        }

        if (raw[^1] == 'i' && long.TryParse(raw[..^1], NumberStyles.AllowLeadingSign, inv, out var l))
        {
            value = new FieldValue(l, null);
            return true;
        }

        if (raw[^1] == 'u' && ulong.TryParse(raw[..^1], NumberStyles.None, inv, out var u))
        {
            value = new FieldValue(u, null);
            return true;
        }

        if (double.TryParse(raw, NumberStyles.Float, inv, out var d) && double.IsFinite(d))
        {
            value = new FieldValue(d, null);
            return true;
        }

        return false;
    }

    private static bool Expect(string line, ref int pos, char c)
    {
        if (pos < line.Length && line[pos] == c)
        {
            pos++;
            return true;
        }

        return false;
    }

    /// <summary>Skips spaces; true when something follows them.</summary>
    private static bool SkipSpaces(string line, ref int pos)
    {
        var start = pos;
        while (pos < line.Length && line[pos] == ' ')
        {
            pos++;
        }

        return pos > start && pos < line.Length;
    }
}
