namespace Fathom.Collectors.Status;

/// <summary>
/// perfSONAR's fold of several agents into one element status: the worst state wins, kind by kind
/// (oper unknown &gt; down &gt; degraded &gt; up; admin unknown &gt; underrepair &gt; troubleshooting &gt;
/// maintenance &gt; normaloperation). No oper reading gives oper unknown; no admin reading, no admin.
/// </summary>
internal static class StatusFold
{
    public static (OperState Oper, AdminState? Admin) Fold(IEnumerable<AgentReading> readings)
    {
        OperState? oper = null;
        AdminState? admin = null;
        foreach (var r in readings)
        {
            if (r.Oper is { } o && (oper is null || o > oper))
            {
                oper = o;
            }

            if (r.Admin is { } a && (admin is null || a > admin))
            {
                admin = a;
            }
        }

        return (oper ?? OperState.Unknown, admin);
    }
}
