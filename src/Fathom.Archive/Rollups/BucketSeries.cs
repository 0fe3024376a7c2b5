namespace Fathom.Archive.Rollups;

/// <summary>
/// Summaries in buckets of one step, filled in time order from points and from finer summaries
/// (whose buckets must nest in the step's). Sources are folded oldest first, so "last" is the
/// newest value; a source out of order still lands in the right bucket.
/// </summary>
public sealed class BucketSeries(long stepNs)
{
    private readonly List<RollupBucket> _buckets = [];

    public long StepNs { get; } = stepNs;

    public int Count => _buckets.Count;

    public RollupBucket this[int index] => _buckets[index];

    public void Clear() => _buckets.Clear();

    public void AddPoint(long timeNs, double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        var start = Resolutions.Floor(timeNs, StepNs);
        var at = Locate(start);
        if (at >= 0)
        {
            var bucket = _buckets[at];
            bucket.Add(value);
            _buckets[at] = bucket;
        }
        else
        {
            _buckets.Insert(~at, RollupBucket.Of(start, value));
        }
    }

    public void AddSummary(in RollupBucket summary)
    {
        if (summary.Count == 0)
        {
            return;
        }

        var start = Resolutions.Floor(summary.Start, StepNs);
        var at = Locate(start);
        if (at >= 0)
        {
            var bucket = _buckets[at];
            bucket.Merge(summary);
            _buckets[at] = bucket;
        }
        else
        {
            var bucket = summary;
            bucket.Start = start;
            _buckets.Insert(~at, bucket);
        }
    }

    // The index of the bucket starting at start, or the complement of where it goes; the common case is the last one.
    private int Locate(long start)
    {
        var count = _buckets.Count;
        if (count == 0)
        {
            return ~0;
        }

        var last = _buckets[count - 1].Start;
        if (start == last)
        {
            return count - 1;
        }

        if (start > last)
        {
            return ~count;
        }

        int lo = 0, hi = count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var s = _buckets[mid].Start;
            if (s == start)
            {
                return mid;
            }

            if (s < start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}
