using System.Globalization;

namespace Fathom.Core.Storage;

/// <summary>
/// The time syntax users type, shared by the CLI (--from/--to) and the HTTP API (from=/to=):
/// RFC 3339, "now", or a time before now such as -15s, -30m, -1h, -2d, -1w. One parser, so both
/// accept exactly the same texts.
/// </summary>
public static class TimeText
{
    /// <summary>What the syntax accepts, for messages and help.</summary>
    public const string Syntax = "RFC 3339, now, or -15s/-30m/-1h/-2d/-1w";

    /// <summary>
    /// Parses <paramref name="text"/> relative to <paramref name="nowNs"/> (Unix ns). With
    /// <paramref name="acceptUnixNs"/> a plain non-negative integer is taken as Unix nanoseconds.
    /// </summary>
    /// <exception cref="FormatException">The text is not a time, or too far back; the message quotes it.</exception>
    public static long Parse(string text, long nowNs, bool acceptUnixNs = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "now")
        {
            return nowNs;
        }

        if (text.Length >= 3 && text[0] == '-' && UnitNs(text[^1]) is { } unit
            && long.TryParse(text.AsSpan(1, text.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            try
            {
                return checked(nowNs - (count * unit));
            }
            catch (OverflowException)
            {
                throw new FormatException($"'{text}' is too far back");
            }
        }

        if (acceptUnixNs && text.Length > 0 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unixNs))
        {
            return unixNs;
        }

        if (Rfc3339.TryParse(text, out var ns))
        {
            return ns;
        }

        throw new FormatException(acceptUnixNs
            ? $"'{text}' is not a time: use RFC 3339, Unix nanoseconds, now or -1h"
            : $"'{text}' is not a time: use RFC 3339 or -1h");
    }

    /// <summary>A time as Unix nanoseconds.</summary>
    public static long ToUnixNs(DateTimeOffset time) => (time.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    private static long? UnitNs(char unit) => unit switch
    {
        's' => 1_000_000_000L,
        'm' => 60 * 1_000_000_000L,
        'h' => 3_600 * 1_000_000_000L,
        'd' => 86_400 * 1_000_000_000L,
        'w' => 7 * 86_400 * 1_000_000_000L,
        _ => null,
    };
}
