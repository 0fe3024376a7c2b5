using System.Globalization;
using Fathom.Lookup.Client;

namespace Fathom.Lookup.Registration;

/// <summary>What is remembered of one registered record: its uri at the server, when it expires, and its content's checksum.</summary>
internal sealed record RegistrationEntry(string Uri, DateTimeOffset Expires, string Checksum)
{
    public string Format() => string.Join('\t', Uri, SlsExpires.Format(Expires), Checksum);

    public static RegistrationEntry? Parse(string? text)
    {
        var parts = text?.Split('\t');
        return parts is { Length: 3 } && parts[0].Length > 0
            && DateTimeOffset.TryParse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expires)
            ? new RegistrationEntry(parts[0], expires, parts[2])
            : null;
    }
}
