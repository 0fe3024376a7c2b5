using Fathom.Core.Storage;

namespace Fathom.Archive.Rollups;

/// <summary>
/// One series' points in step-wide buckets, read from the coarsest summaries the step allows: a
/// step of whole hours reads the stored hours of every complete UTC day before the series'
/// newest summarised day (a row per day; whole-day steps also read the 1 d rows kept after hours
/// expired), then 1 min summaries and raw points for the rest (the newest day and the open block,
/// not yet summarised); a step of whole minutes starts at 1 min. Any other step, and archives
/// without summaries, aggregate raw points.
/// </summary>
internal sealed class AggregateQuery
{
    private readonly IPointSource _points;
    private readonly ISummarySource? _rows;
    private readonly List<TimePoint> _raw = [];

    public AggregateQuery(IPointSource points, ISummarySource? rows)
    {
        _points = points;
        _rows = rows;
    }

    public long DayRows { get; private set; }

    public long HourRows { get; private set; }

    public long MinuteRows { get; private set; }

    public long RawPoints { get; private set; }

    /// <summary>
    /// Summaries of the buckets starting in [lo, hi), both multiples of the step;
    /// <paramref name="closedEnd"/> is the series' <see cref="IPointSource.ClosedEnd"/>.
    /// </summary>
    public BucketSeries Run(long seriesId, long closedEnd, long lo, long hi, long stepNs)
    {
        var into = new BucketSeries(stepNs);
        var cursor = lo;
        if (_rows is not null && stepNs % Resolutions.MinuteNs == 0)
        {
            // Summarised up to here: every complete UTC day before it has its hours (or, once they expired, its day) stored.
            var covered = Math.Max(closedEnd, _rows.Covered(seriesId));
            if (covered != long.MinValue && stepNs % Resolutions.HourNs == 0)
            {
                var end = Math.Min(hi, Resolutions.Floor(covered, Resolutions.DayNs));
                if (stepNs % Resolutions.DayNs == 0)
                {
                    DayRows += Fold(seriesId, Resolutions.DayNs, cursor, end, into);
                }

                HourRows += Fold(seriesId, Resolutions.HourNs, cursor, end, into);
                cursor = Math.Max(cursor, end);
            }

            MinuteRows += Fold(seriesId, Resolutions.MinuteNs, cursor, hi, into);
        }

        if (cursor < hi)
        {
            _raw.Clear();
            _points.ReadRange(seriesId, cursor, hi - 1, _raw);
            RawPoints += _raw.Count;
            foreach (var p in _raw)
            {
                into.AddPoint(p.TimeNs, p.Value);
            }
        }

        return into;
    }

    public void ResetCost() => DayRows = HourRows = MinuteRows = RawPoints = 0;

    private long Fold(long seriesId, long resolutionNs, long lo, long hi, BucketSeries into)
    {
        var before = _rows!.RowsRead;
        _rows.Fold(seriesId, resolutionNs, lo, hi, into);
        return _rows.RowsRead - before;
    }
}
