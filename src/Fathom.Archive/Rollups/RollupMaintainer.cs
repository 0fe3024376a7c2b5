using Fathom.Archive.Blocks;
using Fathom.Archive.Sqlite;

namespace Fathom.Archive.Rollups;

/// <summary>
/// Keeps the 1 h and 1 d summaries up to date as blocks close, in the writer's transaction.
/// An hour is summarised once the series' closed blocks reach past it (all its points are then in
/// closed blocks), from the raw blocks and any 1 min rows; a day once they reach past the day, from
/// its hours. A late point into a summarised hour recomputes that hour and its day. Everything
/// after the newest summarised hour is computed at query time from the finer data.
/// </summary>
internal sealed class RollupMaintainer : IDisposable
{
    private readonly RollupRows _rows;
    private readonly BlockPointReader _closed;
    private readonly BucketSeries _hours = new(Resolutions.HourNs);
    private readonly BucketSeries _days = new(Resolutions.DayNs);
    private readonly List<TimePoint> _points = [];
    private readonly RollupBucket[] _one = new RollupBucket[1];

    public RollupMaintainer(SqliteConnection connection, RollupRows rows)
    {
        _rows = rows;

        // Never given a snapshot, the reader sees closed blocks only.
        _closed = new BlockPointReader(connection);
    }

    /// <summary>A block of points firstNs..lastNs closed after the series' previous closed end.</summary>
    public void BlockClosed(long seriesId, long firstNs, long lastNs, long previousClosedEnd)
    {
        var lo = Resolutions.Floor(previousClosedEnd == long.MinValue ? firstNs : Math.Min(previousClosedEnd, firstNs), Resolutions.HourNs);
        var hi = Resolutions.Floor(lastNs, Resolutions.HourNs);
        if (lo < hi)
        {
            Summarise(seriesId, lo, hi, lastNs);
        }
    }

    /// <summary>A point at <paramref name="timeNs"/> went into a closed block; <paramref name="closedEnd"/> is the series' newest closed point.</summary>
    public void LatePoint(long seriesId, long timeNs, long closedEnd)
    {
        var hour = Resolutions.Floor(timeNs, Resolutions.HourNs);
        if (hour + Resolutions.HourNs <= Resolutions.Floor(closedEnd, Resolutions.HourNs))
        {
            Summarise(seriesId, hour, hour + Resolutions.HourNs, closedEnd);
        }
    }

    /// <summary>Summarises every hour in [lo, hi) with points (all closed), then the days they complete.</summary>
    public void Summarise(long seriesId, long lo, long hi, long closedEnd)
    {
        _hours.Clear();
        _rows.Fold(seriesId, Resolutions.MinuteNs, lo, hi, _hours);
        _points.Clear();
        _closed.ReadRange(seriesId, lo, hi - 1, _points);
        foreach (var p in _points)
        {
            _hours.AddPoint(p.TimeNs, p.Value);
        }

        for (var i = 0; i < _hours.Count; i++)
        {
            _one[0] = _hours[i];
            _rows.Upsert(seriesId, Resolutions.HourNs, _one[0].Start, _one[0].Start, _one);
        }

        var dayLo = Resolutions.Floor(lo, Resolutions.DayNs);
        var dayHi = Math.Min(Resolutions.Floor(hi - 1, Resolutions.DayNs) + Resolutions.DayNs, Resolutions.Floor(closedEnd, Resolutions.DayNs));
        if (dayLo >= dayHi)
        {
            return;
        }

        _days.Clear();
        _rows.Fold(seriesId, Resolutions.HourNs, dayLo, dayHi, _days);
        for (var i = 0; i < _days.Count; i++)
        {
            _one[0] = _days[i];
            _rows.Upsert(seriesId, Resolutions.DayNs, _one[0].Start, _one[0].Start, _one);
        }
    }

    public void Dispose() => _closed.Dispose();
}
