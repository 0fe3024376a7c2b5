namespace Fathom.Collectors.Trace;

/// <summary>
/// Whether two paths differ: another number of hops, or another address at some hop. A hop
/// silent in one run (every query lost) matches anything, so one lost probe is not a route change.
/// </summary>
internal static class PathComparer
{
    public static bool Differs(IReadOnlyList<TraceHop> old, IReadOnlyList<TraceHop> current)
    {
        if (old.Count != current.Count)
        {
            return true;
        }

        for (var i = 0; i < old.Count; i++)
        {
            if (old[i].Address is { } a && current[i].Address is { } b && !string.Equals(a, b, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
