using System.Globalization;

namespace Fathom.Lookup.Records;

/// <summary>
/// ISO 8601 durations as the sLS uses them for <c>ttl</c>: <c>PT60M</c> (perfSONAR's client always
/// sends minutes), <c>PT2H</c>, <c>P1DT30S</c>, <c>PT1.5S</c>, <c>P1W</c>. Years and months are not
/// durations (their length depends on a date), so they do not parse, as Joda's
/// <c>Period.toStandardDuration()</c> refuses them on the Java server.
/// </summary>
public static class IsoDuration
{
    /// <summary>Parses <paramref name="text"/>; false for anything that is not a plain ISO 8601 duration of weeks, days, hours, minutes and seconds.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text.Length < 3 || text.Length > 64 || (text[0] != 'P' && text[0] != 'p'))
        {
            return false;
        }

        var seconds = 0m;
        var inTime = false;
        var any = false;
        var lastRank = -1;
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] is 'T' or 't')
            {
                if (inTime)
                {
                    return false;
                }

                inTime = true;
                i++;
                if (i == text.Length)
                {
                    return false; // "P1DT" has a T with nothing after it
                }

                continue;
            }

            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or ','))
            {
                i++;
            }

            if (i == start || i == text.Length)
            {
                return false;
            }

            var number = text[start..i].ToString().Replace(',', '.');
            if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            var (rank, unit) = (char.ToUpperInvariant(text[i]), inTime) switch
            {
                ('W', false) => (0, 604800m),
                ('D', false) => (1, 86400m),
                ('H', true) => (2, 3600m),
                ('M', true) => (3, 60m),
                ('S', true) => (4, 1m),
                _ => (-1, 0m),
            };
            if (rank <= lastRank || (value != decimal.Truncate(value) && rank != 4))
            {
                return false; // unknown or repeated designator, out of order, or a fraction before seconds
            }

            lastRank = rank;
            any = true;
            seconds += value * unit;
            if (seconds > (decimal)TimeSpan.MaxValue.TotalSeconds / 2)
            {
                return false;
            }

            i++;
        }

        if (!any)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
        return true;
    }

    /// <summary>
    /// <paramref name="duration"/> as the sLS writes it: whole minutes as <c>PT{n}M</c> (what
    /// perfSONAR's client sends), anything else as <c>PT{n}S</c> with the fraction kept.
    /// </summary>
    public static string Format(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        if (duration.Ticks % TimeSpan.TicksPerMinute == 0 && duration > TimeSpan.Zero)
        {
            return string.Create(CultureInfo.InvariantCulture, $"PT{duration.Ticks / TimeSpan.TicksPerMinute}M");
        }

        var seconds = (decimal)duration.Ticks / TimeSpan.TicksPerSecond;
        return string.Create(CultureInfo.InvariantCulture, $"PT{seconds:0.#######}S");
    }
}
