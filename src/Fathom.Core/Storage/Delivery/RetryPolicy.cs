using System.Globalization;
using Fathom.Core.Configuration;

namespace Fathom.Core.Storage.Delivery;

/// <summary>
/// How a target retries a failed delivery, written like pScheduler's retry-policy (a list of
/// segments of attempts and waits): "3x5s, 5x30s, forever x 5m". The n-th retry waits the wait of
/// the segment it falls in; past the last segment the last wait repeats (a delivery never gives up:
/// the spool, or the bounded queue, is where data waits). Waits take the config's durations (500ms,
/// 5s, 1m) or ISO 8601 ones as pScheduler writes them (PT5S, PT1M).
/// </summary>
public sealed class RetryPolicy : IEquatable<RetryPolicy>
{
    private RetryPolicy(IReadOnlyList<RetrySegment> segments) => Segments = segments;

    /// <summary>The default: "5x1s, 5x5s, forever x 30s".</summary>
    public static RetryPolicy Default { get; } = Parse("5x1s, 5x5s, forever x 30s");

    /// <summary>The segments, in order.</summary>
    public IReadOnlyList<RetrySegment> Segments { get; }

    /// <summary>The wait before retry number <paramref name="retry"/> (1 is the first retry after a failure).</summary>
    public TimeSpan Wait(long retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var left = retry;
        foreach (var s in Segments)
        {
            if (s.Attempts is not { } n || left <= n)
            {
                return s.Wait;
            }

            left -= n;
        }

        return Segments[^1].Wait;
    }

    /// <summary>Parses the text form; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static RetryPolicy Parse(string text) =>
        TryParse(text, out var policy, out var error) ? policy : throw new FormatException(error);

    /// <summary>Parses "ATTEMPTS x WAIT, …" (ATTEMPTS a positive count or "forever", the last only).</summary>
    public static bool TryParse(string text, out RetryPolicy policy, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        policy = null!;
        var segments = new List<RetrySegment>();
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var x = part.IndexOfAny(['x', 'X', '*']);
            if (part.Length == 0 || x <= 0)
            {
                error = $"retry_policy segment '{part}' must read ATTEMPTS x WAIT (e.g. 3x5s, forever x 1m)";
                return false;
            }

            var count = part[..x].Trim();
            var waitText = part[(x + 1)..].Trim();
            int? attempts;
            if (count.Equals("forever", StringComparison.OrdinalIgnoreCase))
            {
                if (i != parts.Length - 1)
                {
                    error = $"retry_policy: only the last segment may be 'forever' (at '{part}')";
                    return false;
                }

                attempts = null;
            }
            else if (int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                attempts = n;
            }
            else
            {
                error = $"retry_policy segment '{part}': attempts '{count}' must be a positive whole number or 'forever'";
                return false;
            }

            if (!TryParseWait(waitText, out var wait))
            {
                error = $"retry_policy segment '{part}': wait '{waitText}' is not a duration (e.g. 500ms, 5s, 1m, PT30S)";
                return false;
            }

            segments.Add(new RetrySegment(attempts, wait));
        }

        policy = new RetryPolicy(segments);
        error = string.Empty;
        return true;
    }

    /// <summary>The canonical text ("3x5s, forever x 1m").</summary>
    public override string ToString() =>
        string.Join(", ", Segments.Select(s => s.Attempts is { } n
            ? $"{n.ToString(CultureInfo.InvariantCulture)}x{WaitText(s.Wait)}"
            : $"forever x {WaitText(s.Wait)}"));

    /// <inheritdoc/>
    public bool Equals(RetryPolicy? other) => other is not null && Segments.SequenceEqual(other.Segments);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RetryPolicy);

    /// <inheritdoc/>
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    private static string WaitText(TimeSpan wait) =>
        wait.TotalMilliseconds < 1000 || wait.Milliseconds != 0
            ? $"{wait.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms"
            : $"{wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s";

    private static bool TryParseWait(string text, out TimeSpan wait)
    {
        if (text.StartsWith('P') || text.StartsWith('p'))
        {
            try
            {
                wait = System.Xml.XmlConvert.ToTimeSpan(text.ToUpperInvariant());
                return wait >= TimeSpan.Zero;
            }
            catch (FormatException)
            {
                wait = default;
                return false;
            }
        }

        return ValueParsers.TryParseDuration(text, out wait);
    }
}
