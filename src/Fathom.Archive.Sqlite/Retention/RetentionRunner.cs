using Fathom.Archive.Rollups;
using Fathom.Archive.Sqlite;
using Fathom.Core.Configuration;
using Fathom.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Fathom.Archive.Retention;

/// <summary>
/// Enforces the retention settings from the writer, between batches: every <see cref="Interval"/>
/// a pass starts, and each call after a batch runs one short step of it in its own transaction,
/// so ingest never waits for more than one step. A failed step is logged and the pass abandoned
/// until the next interval; nothing is lost by that, only removed later.
/// </summary>
internal sealed partial class RetentionRunner : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <summary>Series per step: a few statements each, a few milliseconds in all.</summary>
    public const int SeriesPerStep = 250;

    private readonly SqliteConnection _connection;
    private readonly RollupRows _rows;
    private readonly RetentionSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger? _logger;
    private RetentionPass? _pass;
    private RetentionTotals _passTotals;
    private long _expiredSinceLog;
    private long? _lastStartNs;

    public RetentionRunner(SqliteConnection connection, RollupRows rows, RetentionSettings settings, TimeProvider time, ILogger? logger)
    {
        _connection = connection;
        _rows = rows;
        _settings = settings;
        _time = time;
        _logger = logger;
    }

    /// <summary>Everything removed since the archive opened (passes in progress included).</summary>
    public RetentionTotals Totals { get; private set; }

    /// <summary>The raw cutoff now: samples older than it are not stored (they would be removed at once).</summary>
    public long RawCutoffNow() => _settings.Raw is null ? long.MinValue : RetentionCutoffs.At(_settings, NowNs()).Raw;

    public void CountExpired(long samples)
    {
        _expiredSinceLog += samples;
        Totals += new RetentionTotals(0, 0, 0, 0, 0, samples);
    }

    /// <summary>Runs one step of the current pass, starting one if the interval has passed.</summary>
    public void AfterBatch()
    {
        if (_settings.KeepsEverything)
        {
            return;
        }

        var now = NowNs();
        if (_pass is null)
        {
            if (_lastStartNs is { } last && now - last < Interval.Ticks * 100)
            {
                return;
            }

            _lastStartNs = now;
            _pass = new RetentionPass(_connection, _rows, RetentionCutoffs.At(_settings, now));
            _passTotals = default;
        }

        RunStep(SeriesPerStep);
    }

    /// <summary>Runs a whole pass now (tests, and `fathom archive compact`).</summary>
    public RetentionTotals RunPassNow()
    {
        _pass?.Dispose();
        var now = NowNs();
        _lastStartNs = now;
        _pass = new RetentionPass(_connection, _rows, RetentionCutoffs.At(_settings, now));
        _passTotals = default;
        while (_pass is not null)
        {
            if (!RunStep(int.MaxValue))
            {
                break;
            }
        }

        return _passTotals;
    }

    public void Dispose() => _pass?.Dispose();

    private bool RunStep(int maxSeries)
    {
        var pass = _pass!;
        try
        {
            _connection.Execute("BEGIN IMMEDIATE");
            var step = pass.Step(maxSeries);
            _connection.Execute("COMMIT");
            _passTotals += step;
            Totals += step;
        }
        catch (Exception e) when (e is SqliteException or ArchiveException)
        {
            try
            {
                _connection.Execute("ROLLBACK");
            }
            catch (SqliteException)
            {
            }

            if (_logger is not null)
            {
                LogStepFailed(_logger, _connection.Path, e.Message);
            }

            pass.Dispose();
            _pass = null;
            return false;
        }

        if (pass.Done)
        {
            if (_logger is not null && (_passTotals.Blocks + _passTotals.MinuteRows + _passTotals.HourRows + _passTotals.DayRows
                + _passTotals.Events + _passTotals.StatusRanges + _expiredSinceLog) > 0)
            {
                LogPassDone(_logger, _passTotals.Blocks, _passTotals.Points, _passTotals.MinuteRows, _passTotals.HourRows, _passTotals.DayRows,
                    _passTotals.Events, _passTotals.StatusRanges, _expiredSinceLog);
            }

            _expiredSinceLog = 0;
            pass.Dispose();
            _pass = null;
        }

        return true;
    }

    private long NowNs() => (_time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "retention removed {Blocks} raw blocks ({Points} points), {MinuteRows} 1 min, {HourRows} 1 h and {DayRows} 1 d summaries, {Events} events and {StatusRanges} status ranges; {Expired} incoming samples were already older than retain_raw and not stored")]
    private static partial void LogPassDone(ILogger logger, long blocks, long points, long minuteRows, long hourRows, long dayRows, long events, long statusRanges, long expired);

    [LoggerMessage(Level = LogLevel.Warning, Message = "retention step on {Path} failed, retrying in the next pass: {Reason}")]
    private static partial void LogStepFailed(ILogger logger, string path, string reason);
}
