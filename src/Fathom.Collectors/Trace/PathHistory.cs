namespace Fathom.Collectors.Trace;

/// <summary>
/// Each target's known path, to tell a route change from a run with holes. A run that does not
/// differ fills the known path (its answered hops replace, its silent hops keep what was known),
/// so a hole is never kept; a run that differs replaces it.
/// </summary>
internal sealed class PathHistory
{
    private readonly Dictionary<string, (List<TraceHop> Hops, bool Ended)> _known = new(StringComparer.Ordinal);

    /// <summary>Records this run's path; returns the known path it replaced when the route changed, else null.</summary>
    public IReadOnlyList<TraceHop>? Update(string target, List<TraceHop> hops, bool ended)
    {
        if (!_known.TryGetValue(target, out var known))
        {
            _known[target] = (hops, ended);
            return null;
        }

        if (PathComparer.Differs(known.Hops, known.Ended, hops, ended))
        {
            _known[target] = (hops, ended);
            return known.Hops;
        }

        // The same route: a known end fixes the length; otherwise the longer view of it is kept.
        var length = ended ? hops.Count : known.Ended ? known.Hops.Count : Math.Max(known.Hops.Count, hops.Count);
        var merged = new List<TraceHop>(length);
        for (var i = 0; i < length; i++)
        {
            var now = i < hops.Count ? hops[i] : null;
            var before = i < known.Hops.Count ? known.Hops[i] : null;
            merged.Add(now?.Address is not null || before is null ? now ?? new TraceHop(i + 1, null, [], false) : before);
        }

        _known[target] = (merged, ended || known.Ended);
        return null;
    }
}
