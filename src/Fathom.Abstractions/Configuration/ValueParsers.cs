using System.Globalization;

namespace Fathom.Core.Configuration;

/// <summary>Parsers for the value forms the configuration uses (durations, numbers, booleans).</summary>
public static class ValueParsers
{
    /// <summary>
    /// A duration: a plain number is seconds; suffixes ms, s, m (minutes), h, d, w are accepted
    /// ("1.5", "500ms", "30s", "5m", "1h", "30d").
    /// </summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        var s = text.Trim();
        var split = s.Length;
        while (split > 0 && char.IsAsciiLetter(s[split - 1]))
        {
            split--;
        }

        var number = s[..split].Trim();
        var unit = s[split..].ToLowerInvariant();
        if (number.Length == 0
            || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            || double.IsNaN(n) || double.IsInfinity(n) || n < 0)
        {
            return false;
        }

        double seconds = unit switch
        {
            "" or "s" or "sec" or "secs" or "second" or "seconds" => n,
            "ms" => n / 1000.0,
            "m" or "min" or "mins" or "minute" or "minutes" => n * 60,
            "h" or "hour" or "hours" => n * 3600,
            "d" or "day" or "days" => n * 86400,
            "w" or "week" or "weeks" => n * 7 * 86400,
            _ => double.NaN,
        };
        if (double.IsNaN(seconds) || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>yes/no, true/false, on/off, 1/0, in any case.</summary>
    public static bool TryParseBool(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "1" or "yes" or "true" or "on":
                value = true;
                return true;
            case "0" or "no" or "false" or "off":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>A finite number in invariant culture.</summary>
    public static bool TryParseDouble(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        && !double.IsNaN(value) && !double.IsInfinity(value);

    /// <summary>A whole number, optionally signed, in invariant culture.</summary>
    public static bool TryParseInt(string text, out long value) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
