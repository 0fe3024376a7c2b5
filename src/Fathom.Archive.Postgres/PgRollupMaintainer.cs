using Fathom.Archive.Rollups;
using Fathom.Core.Storage;
using Npgsql;

namespace Fathom.Archive.Postgres;

/// <summary>
/// The hour summaries kept as blocks close (as SQLite's RollupMaintainer), in the batch's
/// transaction: once a series' closed blocks reach past a UTC day, the day's hours are stored as
/// one row, from the raw blocks and any 1 min rows; a late point into a summarised day recomputes it.
/// </summary>
internal sealed class PgRollupMaintainer(NpgsqlConnection connection, PgRollupRows rows)
{
    private const int DaysPerRead = 31;
    private readonly BucketSeries _hours = new(Resolutions.HourNs);
    private readonly List<TimePoint> _points = [];
    private readonly RollupBucket[] _run = new RollupBucket[24];

    public void BlockClosed(long seriesId, long firstNs, long lastNs, long previousClosedEnd)
    {
        var lo = Resolutions.Floor(previousClosedEnd == long.MinValue ? firstNs : Math.Min(previousClosedEnd, firstNs), Resolutions.DayNs);
        var hi = Resolutions.Floor(lastNs, Resolutions.DayNs);
        if (lo < hi)
        {
            Summarise(seriesId, lo, hi);
        }
    }

    public void LatePoint(long seriesId, long timeNs, long closedEnd)
    {
        var day = Resolutions.Floor(timeNs, Resolutions.DayNs);
        if (day + Resolutions.DayNs <= Resolutions.Floor(closedEnd, Resolutions.DayNs))
        {
            Summarise(seriesId, day, day + Resolutions.DayNs);
        }
    }

    private void Summarise(long seriesId, long lo, long hi)
    {
        for (var from = lo; from < hi;)
        {
            var to = hi - from > DaysPerRead * Resolutions.DayNs ? from + (DaysPerRead * Resolutions.DayNs) : hi;
            SummariseRead(seriesId, from, to);
            from = to;
        }
    }

    private void SummariseRead(long seriesId, long lo, long hi)
    {
        _hours.Clear();
        rows.Fold(seriesId, Resolutions.MinuteNs, lo, hi, _hours);
        _points.Clear();
        _ = PgBlockRows.Read(connection, seriesId, lo, hi - 1, _points, null);
        foreach (var p in _points)
        {
            _hours.AddPoint(p.TimeNs, p.Value);
        }

        var i = 0;
        while (i < _hours.Count)
        {
            var day = Resolutions.Floor(_hours[i].Start, Resolutions.DayNs);
            var n = 0;
            while (i < _hours.Count && _hours[i].Start < day + Resolutions.DayNs)
            {
                _run[n++] = _hours[i++];
            }

            rows.Upsert(seriesId, Resolutions.HourNs, day, _run[n - 1].Start, _run.AsSpan(0, n));
        }
    }
}
