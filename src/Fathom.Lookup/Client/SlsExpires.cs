using System.Globalization;

namespace Fathom.Lookup.Client;

/// <summary>Reads <c>expires</c> as servers write it: Joda's <c>2026-12-02T14:39:47.106Z</c> or any ISO 8601 date-time with an offset.</summary>
internal static class SlsExpires
{
    public static bool TryParse(string? text, out DateTimeOffset expires)
    {
        expires = default;
        return !string.IsNullOrWhiteSpace(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out expires);
    }

    /// <summary>The form the state keeps: round-trip ISO 8601 in UTC.</summary>
    public static string Format(DateTimeOffset expires) => expires.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
