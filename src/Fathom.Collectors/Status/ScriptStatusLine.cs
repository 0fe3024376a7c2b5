using System.Globalization;

namespace Fathom.Collectors.Status;

/// <summary>
/// A script agent's output line: "time,status" for status_type oper or admin, "time,oper,admin"
/// for oper/admin; time in Unix seconds (a fraction allowed).
/// </summary>
internal static class ScriptStatusLine
{
    public static bool TryParse(string line, StatusKinds kinds, out AgentReading reading, out string error)
    {
        reading = default;
        error = "";
        var parts = line.Split(',', StringSplitOptions.TrimEntries);
        var expected = kinds == StatusKinds.Both ? 3 : 2;
        if (parts.Length != expected)
        {
            error = $"{parts.Length} field(s) where status_type {StatusWords.Name(kinds)} needs {(expected == 3 ? "time,oper,admin" : "time,status")}";
            return false;
        }

        if (!decimal.TryParse(parts[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || seconds <= 0 || seconds > long.MaxValue / 1_000_000_000L)
        {
            error = $"invalid time '{parts[0]}' (Unix seconds expected)";
            return false;
        }

        OperState? oper = null;
        AdminState? admin = null;
        var next = 1;
        if (kinds.HasFlag(StatusKinds.Oper))
        {
            if (!StatusWords.TryOper(parts[next], out var o))
            {
                error = $"unknown operational state '{parts[next]}' (one of {string.Join(", ", StatusWords.Oper)})";
                return false;
            }

            oper = o;
            next++;
        }

        if (kinds.HasFlag(StatusKinds.Admin))
        {
            if (!StatusWords.TryAdmin(parts[next], out var a))
            {
                error = $"unknown administrative state '{parts[next]}' (one of {string.Join(", ", StatusWords.Admin)})";
                return false;
            }

            admin = a;
        }

        reading = new AgentReading(oper, admin);
        return true;
    }
}
