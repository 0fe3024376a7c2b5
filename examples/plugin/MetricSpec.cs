using System.Globalization;
using Fathom.Core.Configuration;
using Fathom.Core.Measurements;

namespace Fathom.Examples.FileMetrics;

/// <summary>
/// One <c>metric NAME SOURCE [UNIT [SCALE]]</c> line: the series file.NAME takes the value at
/// SOURCE (a key, or a field number), times SCALE, recorded in UNIT.
/// </summary>
public sealed record MetricSpec(string Name, string Source, int Field, string Unit, double Scale)
{
    /// <summary>Reads one value of the <c>metric</c> key; a mistake is a <see cref="ConfigException"/> at <paramref name="where"/>.</summary>
    public static MetricSpec Parse(string? text, ConfigLocation where, FileFormat format)
    {
        var words = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 4)
        {
            throw new ConfigException(where, $"'metric' takes NAME SOURCE [UNIT [SCALE]], not '{text}'");
        }

        var name = words[0];
        if (!IsName(name))
        {
            throw new ConfigException(where, $"'metric' name '{name}' must be lower case words of a-z, 0-9 and _ joined by dots (it becomes file.{name.ToLowerInvariant()})");
        }

        var field = 0;
        if (format == FileFormat.Fields && (!int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out field) || field < 1))
        {
            throw new ConfigException(where, $"'metric' {name}: with format fields the source is a field number (1 is the first), not '{words[1]}'");
        }

        var unit = words.Length > 2 ? words[2] : "";
        if (unit.Length > 0 && unit != "-" && !Units.All.Contains(unit))
        {
            throw new ConfigException(where, $"'metric' {name}: unit '{unit}' is not one of {string.Join(", ", Units.All)} (or - for none)");
        }

        var scale = 1.0;
        if (words.Length > 3 && (!double.TryParse(words[3], NumberStyles.Float, CultureInfo.InvariantCulture, out scale) || !double.IsFinite(scale) || scale == 0))
        {
            throw new ConfigException(where, $"'metric' {name}: scale must be a non-zero number, not '{words[3]}'");
        }

        return new MetricSpec(name, words[1], field, unit == "-" ? "" : unit, scale);
    }

    private static bool IsName(string name)
    {
        foreach (var part in name.Split('.'))
        {
            if (part.Length == 0 || !part.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
