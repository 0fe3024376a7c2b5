using System.Globalization;

namespace Fathom.Cli;

/// <summary>Formats numbers and tags the same way in table and CSV output.</summary>
internal static class ValueText
{
    /// <summary>Shortest text that round-trips, invariant culture.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Tags(IReadOnlyList<KeyValuePair<string, string>> tags) =>
        string.Join(',', tags.Select(t => $"{t.Key}={t.Value}"));
}
