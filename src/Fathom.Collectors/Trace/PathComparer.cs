namespace Fathom.Collectors.Trace;

/// <summary>
/// Whether two paths differ. A hop silent in one run (every query lost) matches anything, and the
/// number of hops only counts when both paths have a known end (the destination, or a router that
/// said unreachable): a silent stretch is a hole, not a route change.
/// </summary>
internal static class PathComparer
{
    public static bool Differs(IReadOnlyList<TraceHop> old, bool oldEnded, IReadOnlyList<TraceHop> current, bool currentEnded)
    {
        for (var i = 0; i < Math.Min(old.Count, current.Count); i++)
        {
            if (old[i].Address is { } a && current[i].Address is { } b && !string.Equals(a, b, StringComparison.Ordinal))
            {
                return true;
            }
        }

        // Another length, when both ends are known; or a hop that answered past the other path's known end.
        return (oldEnded && currentEnded && old.Count != current.Count)
            || (oldEnded && AnswersFrom(current, old.Count))
            || (currentEnded && AnswersFrom(old, current.Count));
    }

    private static bool AnswersFrom(IReadOnlyList<TraceHop> path, int index)
    {
        for (var i = index; i < path.Count; i++)
        {
            if (path[i].Address is not null)
            {
                return true;
            }
        }

        return false;
    }
}
