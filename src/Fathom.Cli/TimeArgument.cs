using Fathom.Core.Storage;

namespace Fathom.Cli;

/// <summary>Reads --from/--to values with the syntax the API shares (<see cref="TimeText"/>), naming the option in errors.</summary>
internal static class TimeArgument
{
    public static long Parse(string option, string text, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(time);
        try
        {
            return TimeText.Parse(text, ToUnixNs(time.GetUtcNow()));
        }
        catch (FormatException e)
        {
            throw new UsageException($"--{option}: {e.Message}");
        }
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

    public static long ToUnixNs(DateTimeOffset time) => TimeText.ToUnixNs(time);
}
