using Fathom.Archive.Rollups;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.Archive;

/// <summary>
/// The read side every backend shares: series listing, raw, step/aggregation and last-value
/// queries and the export walk, over the backend's <see cref="IPointSource"/> and (when it stores
/// them) its <see cref="ISummarySource"/>. A backend says which series match, how to read one
/// snapshot, and answers events, status and check itself.
/// </summary>
public abstract class SeriesQueryEngine : IArchiveReader
{
    private readonly AggregateQuery _aggregate;
    private bool _disposed;

    /// <summary>A query engine over <paramref name="points"/> and, when the backend has them, <paramref name="summaries"/>.</summary>
    protected SeriesQueryEngine(IPointSource points, ISummarySource? summaries)
    {
        ArgumentNullException.ThrowIfNull(points);
        Points = points;
        _aggregate = new AggregateQuery(points, summaries);
    }

    /// <inheritdoc/>
    public abstract string Description { get; }

    /// <inheritdoc/>
    public abstract string Location { get; }

    /// <inheritdoc/>
    public QueryCost LastQueryCost { get; private set; }

    /// <inheritdoc/>
    public IReadOnlyList<string> LastQueryProblems { get; private set; } = [];

    /// <summary>The backend's points.</summary>
    protected IPointSource Points { get; }

    /// <inheritdoc/>
    public IReadOnlyList<SeriesInfo> ListSeries(string? nameGlob = null)
    {
        var result = new List<SeriesInfo>();
        InSnapshot(() =>
        {
            var matching = SelectSeries(nameGlob, []);
            Points.BeginSnapshot(nameGlob is null ? null : matching.ConvertAll(s => s.Id));
            foreach (var (id, key) in matching)
            {
                var (count, first, last) = Points.Stats(id);
                result.Add(new SeriesInfo(id, key, count, first, last));
            }
        });
        return result;
    }

    /// <inheritdoc/>
    public int CountSeries(string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        ArgumentNullException.ThrowIfNull(nameGlob);
        return SelectSeries(nameGlob, tags).Count;
    }

    /// <inheritdoc/>
    public IReadOnlyList<SeriesPoints> Query(string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags, long fromNs, long toNs)
    {
        ArgumentNullException.ThrowIfNull(nameGlob);
        QueryArguments.CheckRange(fromNs, toNs);
        var result = new List<SeriesPoints>();
        TolerantRead(() =>
        {
            var matching = SelectSeries(nameGlob, tags);
            Points.BeginSnapshot(matching.ConvertAll(s => s.Id));
            foreach (var (id, key) in matching)
            {
                var points = new List<TimePoint>();
                Points.ReadRange(id, fromNs, toNs, points);
                result.Add(new SeriesPoints(key, points));
            }
        });
        return result;
    }

    /// <inheritdoc/>
    /// <remarks>Reads the coarsest summaries the step allows (see <see cref="AggregateQuery"/>).</remarks>
    public IReadOnlyList<SeriesPoints> Query(
        string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags, long fromNs, long toNs, long stepNs, Aggregation aggregation)
    {
        ArgumentNullException.ThrowIfNull(nameGlob);
        QueryArguments.CheckStep(stepNs);
        QueryArguments.CheckRange(fromNs, toNs);

        // Far enough from the ends of long that bucket arithmetic cannot overflow (±146 years around 1970 is plenty).
        const long Limit = long.MaxValue / 4;
        var lo = Resolutions.Floor(Math.Clamp(fromNs, -Limit, Limit), stepNs);
        var last = Resolutions.Floor(Math.Clamp(toNs, -Limit, Limit), stepNs);
        var hi = last > long.MaxValue - stepNs ? long.MaxValue : last + stepNs;
        var result = new List<SeriesPoints>();
        _aggregate.ResetCost();
        TolerantRead(() =>
        {
            var matching = SelectSeries(nameGlob, tags).ConvertAll(s => (s.Id, s.Key, ClosedEnd: Points.ClosedEnd(s.Id)));

            // Only series whose range reaches past their closed blocks need the journal of open blocks.
            Points.BeginSnapshot(matching.Where(s => hi - 1 > s.ClosedEnd).Select(s => s.Id).ToList());
            foreach (var (id, key, closedEnd) in matching)
            {
                var buckets = _aggregate.Run(id, closedEnd, lo, hi, stepNs);
                var points = new List<TimePoint>(buckets.Count);
                for (var i = 0; i < buckets.Count; i++)
                {
                    var bucket = buckets[i];
                    points.Add(new TimePoint(bucket.Start, bucket.ValueOf(aggregation)));
                }

                result.Add(new SeriesPoints(key, points));
            }
        });
        LastQueryCost = new QueryCost(_aggregate.DayRows, _aggregate.HourRows, _aggregate.MinuteRows, _aggregate.RawPoints);
        return result;
    }

    /// <inheritdoc/>
    public IReadOnlyList<SeriesPoints> Last(string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        ArgumentNullException.ThrowIfNull(nameGlob);
        var result = new List<SeriesPoints>();
        InSnapshot(() =>
        {
            var matching = SelectSeries(nameGlob, tags);
            Points.BeginSnapshot(matching.ConvertAll(s => s.Id));
            var points = new List<TimePoint>();
            foreach (var (id, key) in matching)
            {
                if (Points.NewestTime(id) is not { } newest)
                {
                    continue;
                }

                points.Clear();
                Points.ReadRange(id, newest, newest, points);
                if (points.Count > 0)
                {
                    result.Add(new SeriesPoints(key, [points[^1]]));
                }
            }
        });
        return result;
    }

    /// <inheritdoc/>
    public void ForEachSeries(string? nameGlob, long fromNs, long toNs, Action<SeriesKey, IReadOnlyList<TimePoint>> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        QueryArguments.CheckRange(fromNs, toNs);
        InSnapshot(() =>
        {
            var matching = SelectSeries(nameGlob, []);
            Points.BeginSnapshot(nameGlob is null ? null : matching.ConvertAll(s => s.Id));
            var points = new List<TimePoint>();
            foreach (var (id, key) in matching)
            {
                points.Clear();
                Points.ReadRange(id, fromNs, toNs, points);
                visit(key, points);
            }
        });
    }

    /// <inheritdoc/>
    public IReadOnlyList<EventRecord> ListEvents(long fromNs, long toNs, string? name = null, IReadOnlyList<KeyValuePair<string, string>>? tags = null)
    {
        QueryArguments.CheckRange(fromNs, toNs);
        return ReadEvents(fromNs, toNs, name, tags);
    }

    /// <inheritdoc/>
    public IReadOnlyList<StatusRange> ListStatus(string? element = null, long fromNs = long.MinValue, long toNs = long.MaxValue)
    {
        QueryArguments.CheckRange(fromNs, toNs);
        return ReadStatus(element, fromNs, toNs);
    }

    /// <inheritdoc/>
    public abstract ArchiveCheckReport Check();

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the backend's resources (the point source is disposed after).</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (disposing)
        {
            Points.Dispose();
        }
    }

    /// <summary>Events in [fromNs, toNs] (fromNs &lt;= toNs), optionally of one name and with all of <paramref name="tags"/>, ordered by time.</summary>
    protected abstract IReadOnlyList<EventRecord> ReadEvents(long fromNs, long toNs, string? name, IReadOnlyList<KeyValuePair<string, string>>? tags);

    /// <summary>Status ranges (optionally of one element) overlapping [fromNs, toNs] (fromNs &lt;= toNs), ordered by element then start.</summary>
    protected abstract IReadOnlyList<StatusRange> ReadStatus(string? element, long fromNs, long toNs);

    /// <summary>
    /// The series whose name matches <paramref name="nameGlob"/> (every series when null; a plain
    /// name matches itself) and that carry every tag in <paramref name="tags"/>, in canonical order,
    /// with the id the point source knows them by.
    /// </summary>
    protected abstract List<(long Id, SeriesKey Key)> SelectSeries(string? nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags);

    /// <summary>Runs <paramref name="read"/> on one consistent snapshot of the archive (a read transaction).</summary>
    protected abstract void InSnapshot(Action read);

    // A query prints what is readable: damaged parts are left out and listed in LastQueryProblems.
    private void TolerantRead(Action read)
    {
        var skipped = new List<string>();
        Points.Skipped = skipped;
        try
        {
            InSnapshot(read);
        }
        finally
        {
            Points.Skipped = null;
        }

        LastQueryProblems = skipped;
    }
}
