using System.Globalization;

namespace Fathom.PostgresBench;

internal static class Timed
{
    public static string Line(string method, long points, double seconds, string extra = "") =>
        string.Create(CultureInfo.InvariantCulture, $"{method} points={points} seconds={seconds:F2} points_per_s={points / seconds:F0}{extra}");
}
