using Fathom.Core.Configuration;

namespace Fathom.Archive.Retention;

/// <summary>
/// How long the archive keeps each resolution (<c>retain_raw</c>, <c>retain_1m</c>, <c>retain_1h</c>,
/// <c>retain_1d</c> in the &lt;archive&gt; block); null keeps it forever, the default.
/// </summary>
public sealed record RetentionSettings(TimeSpan? Raw, TimeSpan? OneMinute, TimeSpan? OneHour, TimeSpan? OneDay)
{
    public static RetentionSettings Forever { get; } = new(null, null, null, null);

    public bool KeepsEverything => Raw is null && OneMinute is null && OneHour is null && OneDay is null;

    /// <summary>The configuration keys, finest resolution first.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["retain_raw", "retain_1m", "retain_1h", "retain_1d"];

    /// <summary>Parses "30d", "5y", "forever"… (units of <see cref="ValueParsers.TryParseDuration"/> plus y = 365 d).</summary>
    public static bool TryParse(string text, out TimeSpan? value)
    {
        value = null;
        var s = text.Trim();
        if (s.Equals("forever", StringComparison.OrdinalIgnoreCase) || s.Equals("never", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        TimeSpan span;
        if (s.Length > 1 && (s.EndsWith('y') || s.EndsWith('Y'))
            && double.TryParse(s[..^1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var years)
            && years > 0 && years < 10_000)
        {
            span = TimeSpan.FromDays(years * 365);
        }
        else if (!ValueParsers.TryParseDuration(s, out span))
        {
            return false;
        }

        if (span <= TimeSpan.Zero)
        {
            return false;
        }

        value = span;
        return true;
    }
}
