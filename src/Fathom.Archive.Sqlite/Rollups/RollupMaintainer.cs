using Fathom.Archive.Blocks;
using Fathom.Archive.Sqlite;
using Fathom.Core.Storage;

namespace Fathom.Archive.Rollups;

/// <summary>
/// Keeps the hour summaries up to date as blocks close, in the writer's transaction: once a
/// series' closed blocks reach past a UTC day (all of the day's points are then in closed
/// blocks), the day's hour summaries are stored as one row, computed from the raw blocks and any
/// 1 min rows. That row is also the day's summary (the fold of its hours). A late point into a
/// summarised day recomputes the day. The newest, unfinished day is computed at query time.
/// </summary>
internal sealed class RollupMaintainer : IDisposable
{
    /// <summary>Days read from the raw blocks at once when summarising a long stretch (migrations).</summary>
    private const int DaysPerRead = 31;

    private readonly RollupRows _rows;
    private readonly BlockPointReader _closed;
    private readonly BucketSeries _hours = new(Resolutions.HourNs);
    private readonly List<TimePoint> _points = [];
    private readonly RollupBucket[] _run = new RollupBucket[24];

    public RollupMaintainer(SqliteConnection connection, RollupRows rows)
    {
        _rows = rows;

        // Never given a snapshot, the reader sees closed blocks only.
        _closed = new BlockPointReader(connection);
    }

    /// <summary>A block of points firstNs..lastNs closed after the series' previous closed end.</summary>
    public void BlockClosed(long seriesId, long firstNs, long lastNs, long previousClosedEnd)
    {
        var lo = Resolutions.Floor(previousClosedEnd == long.MinValue ? firstNs : Math.Min(previousClosedEnd, firstNs), Resolutions.DayNs);
        var hi = Resolutions.Floor(lastNs, Resolutions.DayNs);
        if (lo < hi)
        {
            Summarise(seriesId, lo, hi);
        }
    }

    /// <summary>A point at <paramref name="timeNs"/> went into a closed block; <paramref name="closedEnd"/> is the series' newest closed point.</summary>
    public void LatePoint(long seriesId, long timeNs, long closedEnd)
    {
        var day = Resolutions.Floor(timeNs, Resolutions.DayNs);
        if (day + Resolutions.DayNs <= Resolutions.Floor(closedEnd, Resolutions.DayNs))
        {
            Summarise(seriesId, day, day + Resolutions.DayNs);
        }
    }

    /// <summary>Stores the hour summaries of every day in [lo, hi) (UTC midnights) with points, all of them closed.</summary>
    public void Summarise(long seriesId, long lo, long hi)
    {
        for (var from = lo; from < hi;)
        {
            var to = hi - from > DaysPerRead * Resolutions.DayNs ? from + (DaysPerRead * Resolutions.DayNs) : hi;
            SummariseRead(seriesId, from, to);
            from = to;
        }
    }

    public void Dispose() => _closed.Dispose();

    private void SummariseRead(long seriesId, long lo, long hi)
    {
        _hours.Clear();
        _rows.Fold(seriesId, Resolutions.MinuteNs, lo, hi, _hours);
        _points.Clear();
        _closed.ReadRange(seriesId, lo, hi - 1, _points);
        foreach (var p in _points)
        {
            _hours.AddPoint(p.TimeNs, p.Value);
        }

        // One row per day: its hours, in order.
        var i = 0;
        while (i < _hours.Count)
        {
            var day = Resolutions.Floor(_hours[i].Start, Resolutions.DayNs);
            var n = 0;
            while (i < _hours.Count && _hours[i].Start < day + Resolutions.DayNs)
            {
                _run[n++] = _hours[i++];
            }

            _rows.Upsert(seriesId, Resolutions.HourNs, day, _run[n - 1].Start, _run.AsSpan(0, n));
        }
    }
}
