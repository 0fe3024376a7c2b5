using System.Globalization;

namespace Fathom.Cli;

/// <summary>Reads --from/--to values: RFC 3339, "now", or a time before now such as -15s, -30m, -1h, -2d, -1w.</summary>
internal static class TimeArgument
{
    public static long Parse(string option, string text, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(time);
        var nowNs = ToUnixNs(time.GetUtcNow());
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
                throw new UsageException($"--{option}: '{text}' is too far back");
            }
        }

        if (Rfc3339.TryParse(text, out var ns))
        {
            return ns;
        }

        throw new UsageException($"--{option}: '{text}' is not a time: use RFC 3339 or -1h");
    }

    /// <summary>
    /// Reads --from and --to; a missing one takes its default (a time text such as "-1h", or null for
    /// unbounded). A start after the end is refused.
    /// </summary>
    public static (long FromNs, long ToNs) ParseRange(ParsedArguments arguments, TimeProvider time, string? defaultFrom, string? defaultTo)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var fromText = arguments.Value("from") ?? defaultFrom;
        var toText = arguments.Value("to") ?? defaultTo;
        var from = fromText is null ? long.MinValue : Parse("from", fromText, time);
        var to = toText is null ? long.MaxValue : Parse("to", toText, time);
        if (from > to)
        {
            throw new UsageException($"--from ({Rfc3339.Format(from)}) is after --to ({Rfc3339.Format(to)})");
        }

        return (from, to);
    }

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
