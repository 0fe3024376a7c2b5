using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Fathom.Core.Storage;

/// <summary>RFC 3339 times to and from Unix nanoseconds, keeping all nine fractional digits.</summary>
public static partial class Rfc3339
{
    private const long NsPerSecond = 1_000_000_000;

    /// <summary>Parses an RFC 3339 date-time; false when the text is not one or is outside the nanosecond range.</summary>
    public static bool TryParse(string text, out long unixNs)
    {
        unixNs = 0;
        var m = Pattern().Match(text);
        if (!m.Success)
        {
            return false;
        }

        int Part(string name) => int.Parse(m.Groups[name].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

        var (year, month, day) = (Part("y"), Part("mo"), Part("d"));
        var (hour, minute, second) = (Part("h"), Part("mi"), Part("s"));
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var offsetSeconds = 0L;
        if (m.Groups["oh"].Success)
        {
            var (oh, om) = (Part("oh"), Part("om"));
            if (oh > 23 || om > 59)
            {
                return false;
            }

            offsetSeconds = ((oh * 60) + om) * 60L * (m.Groups["sign"].ValueSpan[0] == '-' ? -1 : 1);
        }

        var fraction = m.Groups["f"].Success ? m.Groups["f"].Value : "";
        var fractionNs = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(9, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
        var seconds = ((local - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond) - offsetSeconds;
        try
        {
            unixNs = checked((seconds * NsPerSecond) + fractionNs);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>UTC with Z and as many fractional digits as needed, in groups of three (ms, µs, ns); all nine if <paramref name="allDigits"/>.</summary>
    public static string Format(long unixNs, bool allDigits = false)
    {
        var seconds = Math.DivRem(unixNs, NsPerSecond, out var fractionNs);
        if (fractionNs < 0)
        {
            seconds--;
            fractionNs += NsPerSecond;
        }

        var time = DateTime.UnixEpoch.AddSeconds(seconds);
        var sb = new StringBuilder(30).Append(time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        if (fractionNs != 0 || allDigits)
        {
            var digits = fractionNs.ToString("D9", CultureInfo.InvariantCulture);
            var length = allDigits ? 9 : fractionNs % 1_000_000 == 0 ? 3 : fractionNs % 1_000 == 0 ? 6 : 9;
            sb.Append('.').Append(digits, 0, length);
        }

        return sb.Append('Z').ToString();
    }

    [GeneratedRegex(
        @"^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})[Tt ](?<h>\d{2}):(?<mi>\d{2}):(?<s>\d{2})(?:\.(?<f>\d{1,9}))?(?:[Zz]|(?<sign>[+-])(?<oh>\d{2}):(?<om>\d{2}))$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
