using System.Globalization;

namespace Fathom.Collectors.Script;

/// <summary>The perfSONAR status agent's output: "time,status" or "time,oper,admin", time in Unix seconds.</summary>
internal static class StatusParser
{
    private static readonly string[] OperStates = ["up", "down", "degraded", "unknown"];
    // perfSONAR's words (as the status collector's), plus "normal", which this format accepted first.
    private static readonly string[] AdminStates = ["normaloperation", "normal", "maintenance", "troubleshooting", "underrepair", "unknown"];

    public static bool TryParse(string line, out long timeUnixNs, out string oper, out string? admin, out string error)
    {
        (timeUnixNs, oper, admin, error) = (0, "", null, "");
        var parts = line.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is not (2 or 3))
        {
            error = "expected time,status or time,oper_status,admin_status";
            return false;
        }

        if (!decimal.TryParse(parts[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || seconds > long.MaxValue / 1_000_000_000L)
        {
            error = $"invalid time '{parts[0]}' (Unix seconds expected)";
            return false;
        }

        timeUnixNs = (long)(seconds * 1_000_000_000m);
        if (Find(OperStates, parts[1]) is not { } o)
        {
            error = $"invalid operational status '{parts[1]}' (one of {string.Join(", ", OperStates)})";
            return false;
        }

        oper = o;
        if (parts.Length == 3)
        {
            admin = Find(AdminStates, parts[2]);
            if (admin is null)
            {
                error = $"invalid administrative status '{parts[2]}' (one of {string.Join(", ", AdminStates)})";
                return false;
            }
        }

        return true;
    }

    private static string? Find(string[] choices, string value)
    {
        foreach (var c in choices)
        {
            if (string.Equals(c, value, StringComparison.OrdinalIgnoreCase))
            {
                return c;
            }
        }

        return null;
    }
}
