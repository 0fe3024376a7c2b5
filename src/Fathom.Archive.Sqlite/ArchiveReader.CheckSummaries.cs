using Fathom.Archive.Rollups;
using Fathom.Core.Storage;

namespace Fathom.Archive;

internal sealed partial class ArchiveReader
{
    /// <summary>
    /// Compares the stored hour summaries of a series (a row per complete UTC day) with its raw
    /// points, for the hours that raw points still cover whole (from the first raw point on).
    /// </summary>
    private void CheckSummaries(long id, string canonical, List<TimePoint> raw, List<string> problems)
    {
        if (_rollups is null || raw.Count == 0)
        {
            return;
        }

        var closedEnd = Points.ClosedEnd(id);
        if (closedEnd == long.MinValue)
        {
            return;
        }

        // Hours from the first whole one with raw points to the end of the newest complete day.
        const long Hour = Resolutions.HourNs;
        var first = Resolutions.Floor(raw[0].TimeNs, Hour);
        var lo = first == raw[0].TimeNs ? first : first + Hour;
        var hi = Resolutions.Floor(closedEnd, Resolutions.DayNs);
        if (lo >= hi)
        {
            return;
        }

        var expected = new BucketSeries(Hour);
        foreach (var p in raw)
        {
            if (p.TimeNs >= lo && p.TimeNs < hi)
            {
                expected.AddPoint(p.TimeNs, p.Value);
            }
        }

        var stored = new BucketSeries(Hour);
        _rollups.Fold(id, Hour, lo, hi, stored);
        int e = 0, s = 0;
        while (e < expected.Count || s < stored.Count)
        {
            var want = e < expected.Count ? expected[e] : default;
            var have = s < stored.Count ? stored[s] : default;
            if (s >= stored.Count || (e < expected.Count && want.Start < have.Start))
            {
                problems.Add($"series {canonical}: no 1 h summary at {want.Start} for its {want.Count} raw points");
                e++;
            }
            else if (e >= expected.Count || have.Start < want.Start)
            {
                problems.Add($"series {canonical}: a 1 h summary at {have.Start} without raw points");
                s++;
            }
            else
            {
                if (!Same(want, have))
                {
                    problems.Add(FormattableString.Invariant(
                        $"series {canonical}: 1 h summary at {have.Start} is count {have.Count} min {have.Min} max {have.Max} sum {have.Sum} last {have.Last}; the raw points give {want.Count}, {want.Min}, {want.Max}, {want.Sum}, {want.Last}"));
                }

                e++;
                s++;
            }
        }
    }

    private static bool Same(in RollupBucket a, in RollupBucket b) =>
        a.Count == b.Count && a.Min.Equals(b.Min) && a.Max.Equals(b.Max) && a.Last.Equals(b.Last)
        && Math.Abs(a.Sum - b.Sum) <= 1e-9 * Math.Max(1, Math.Abs(a.Sum));
}
