using System.Globalization;
using System.Text;
using Fathom.Core.Measurements;

namespace Fathom.Cli;

/// <summary>
/// InfluxDB line protocol: "measurement,tag=value value=1.5 1795255200000000000". Commas and spaces
/// are escaped in the measurement, commas, equals signs and spaces in tag keys and values.
/// </summary>
internal static class LineProtocol
{
    /// <summary>
    /// "measurement,k=v,k=v" for a series, tags in key order; tags with an empty value are left out
    /// (line protocol has none). Null when a name or tag holds a line break, which it cannot carry.
    /// </summary>
    public static string? Prefix(SeriesKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var sb = new StringBuilder();
        if (!Append(sb, key.Name, ", "))
        {
            return null;
        }

        foreach (var tag in key.Tags)
        {
            if (tag.Value.Length == 0)
            {
                continue;
            }

            sb.Append(',');
            if (!Append(sb, tag.Key, ",= "))
            {
                return null;
            }

            sb.Append('=');
            if (!Append(sb, tag.Value, ",= "))
            {
                return null;
            }
        }

        return sb.ToString();
    }

    /// <summary>Appends one point's line; false (nothing appended) for NaN or an infinity, which a float field cannot hold.</summary>
    public static bool AppendPoint(StringBuilder sb, string prefix, long timeNs, double value)
    {
        ArgumentNullException.ThrowIfNull(sb);
        if (!double.IsFinite(value))
        {
            return false;
        }

        sb.Append(prefix).Append(" value=");
        var start = sb.Length;
        sb.Append(value.ToString("R", CultureInfo.InvariantCulture));
        sb.Replace('E', 'e', start, sb.Length - start);
        sb.Append(' ').Append(timeNs.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return true;
    }

    private static bool Append(StringBuilder sb, string text, string special)
    {
        foreach (var c in text)
        {
            if (c is '\n' or '\r')
            {
                return false;
            }

            if (special.Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return true;
    }
}
