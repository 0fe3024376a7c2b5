using System.Globalization;

namespace Fathom.Examples.FileMetrics;

/// <summary>Finds a metric's value in the text of the watched file.</summary>
public static class FileValues
{
    /// <summary>The value of <paramref name="metric"/> in <paramref name="text"/> (before scaling), or why there is none.</summary>
    public static bool TryFind(string text, FileFormat format, MetricSpec metric, out double value, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(metric);
        return format == FileFormat.Fields ? TryField(text, metric, out value, out problem) : TryKeyed(text, metric, out value, out problem);
    }

    private static bool TryField(string text, MetricSpec metric, out double value, out string problem)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var fields = (end < 0 ? text : text[..end]).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (metric.Field > fields.Length)
        {
            value = 0;
            problem = $"the first line has {fields.Length} fields, no field {metric.Field}";
            return false;
        }

        return TryNumber(fields[metric.Field - 1], out value, out problem);
    }

    private static bool TryKeyed(string text, MetricSpec metric, out double value, out string problem)
    {
        foreach (var line in text.Split('\n'))
        {
            var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2 || words[0].TrimEnd(':') != metric.Source)
            {
                continue;
            }

            if (!TryNumber(words[1], out value, out problem))
            {
                return false;
            }

            // /proc/meminfo's "kB" is KiB.
            if (words.Length > 2 && words[2] == "kB")
            {
                value *= 1024;
            }

            return true;
        }

        value = 0;
        problem = $"no line starts with '{metric.Source}'";
        return false;
    }

    private static bool TryNumber(string word, out double value, out string problem)
    {
        if (double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
        {
            problem = "";
            return true;
        }

        problem = $"'{word}' is not a number";
        return false;
    }
}
