using Fathom.Archive.Delivery;
using Fathom.Core.Configuration;
using Fathom.Core.Instrumentation;
using Fathom.Core.Pipeline;
using Fathom.Core.Scheduling;
using Fathom.Daemon.Supervision;
using Fathom.Pcp.Mmv;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Instrumentation;

/// <summary>
/// Wires the daemon's instrumentation: the timer registry (1 s tick), PCP's six server metrics,
/// the daemon's own metrics, and their publication (the MMV file), refreshed in that order
/// through the timer list itself.
/// </summary>
internal sealed partial class Instruments : IDisposable
{
    private readonly MmvSettings _mmv;
    private readonly ILogger _logger;
    private readonly MetricRegistry _registry;
    private readonly TimerRegistry _timers;
    private readonly DaemonMetrics _metrics;
    private readonly TargetMetrics? _targets;
    // While another running process owns the MMV file: ticks until the next try (0: not waiting).
    private const int OwnerRetryTicks = 5;
    private MmvWriter? _writer;
    private int _ownerWait;
    private bool _ownerLogged;

    public Instruments(MmvSettings mmv, MeasurementPipeline pipeline, SchedulerLateness lateness, TimeProvider time, ILogger logger, Func<IReadOnlyList<ArchiveTargetStatus>>? targets = null)
    {
        _mmv = mmv;
        _logger = logger;
        _registry = new MetricRegistry(mmv.Name);
        _timers = new TimerRegistry(time, logger);
        _ = _timers.SetMetricRegistry(_registry);
        _metrics = new DaemonMetrics(_registry, pipeline.Stats, () => pipeline.Queued, _timers.Stats, lateness);
        _targets = targets is null ? null : new TargetMetrics(_registry, targets);
    }

    public MetricRegistry Registry => _registry;

    public TimerRegistry Timers => _timers;

    /// <summary>The MMV file being written, or null when disabled or unwritable.</summary>
    public string? MmvPath => _writer?.Path;

    public void Start(Supervisor supervisor)
    {
        CollectorsChanged(supervisor);
        _metrics.Refresh();
        _targets?.Refresh();
        _writer = OpenWriter();
        _ = _timers.Register(static s => ((Instruments)s!).Tick(), this);
    }

    public void CollectorsChanged(Supervisor supervisor) =>
        _metrics.SetCollectors([.. supervisor.Workers.OrderBy(w => w.Config.Id, StringComparer.Ordinal).Select(w => w.Stats)]);

    public void Dispose()
    {
        _timers.Dispose();
        _writer?.Dispose(); // a clean stop removes the file
    }

    private void Tick()
    {
        _metrics.Refresh();
        _targets?.Refresh();
        if (_writer is null && _ownerWait > 0 && --_ownerWait == 0)
        {
            _writer = OpenWriter(); // the owner may have stopped: take the file over then
        }

        try
        {
            _writer?.Update();
        }
        catch (MmvInUseException e)
        {
            // Another daemon put its file at our path (we were presumed gone): leave it to them.
            Log.MmvInUse(_logger, e.Message);
            _ownerLogged = true;
            _writer?.Dispose();
            _writer = null;
            _ownerWait = OwnerRetryTicks;
        }
    }

    private MmvWriter? OpenWriter()
    {
        if (!_mmv.Enabled)
        {
            return null;
        }

        var dir = _mmv.ResolveDir(Environment.GetEnvironmentVariable, Directory.Exists);
        if (dir is null)
        {
            Log.NoMmvDir(_logger);
            return null;
        }

        try
        {
            var writer = new MmvWriter(_registry, dir);
            Log.MmvWriting(_logger, writer.Path);
            _ownerLogged = false;
            return writer;
        }
        catch (MmvInUseException e)
        {
            if (!_ownerLogged)
            {
                Log.MmvInUse(_logger, e.Message); // once, not on every retry
                _ownerLogged = true;
            }

            _ownerWait = OwnerRetryTicks;
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Log.MmvFailed(_logger, e.Message);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 600, EventName = "MmvWriting", Level = LogLevel.Information, Message = "publishing metrics for PCP in {Path}")]
        public static partial void MmvWriting(ILogger logger, string path);

        [LoggerMessage(EventId = 601, EventName = "MmvNoDir", Level = LogLevel.Information, Message = "no MMV file: PCP_TMP_DIR is unset and /var/lib/pcp/tmp/mmv does not exist (set <mmv> dir DIR to choose one)")]
        public static partial void NoMmvDir(ILogger logger);

        [LoggerMessage(EventId = 602, EventName = "MmvFailed", Level = LogLevel.Error, Message = "cannot write the MMV file: {Reason}; metrics are not published for PCP")]
        public static partial void MmvFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 603, EventName = "MmvInUse", Level = LogLevel.Warning, Message = "{Reason}: left alone; metrics are not published for PCP until that process stops (collection continues; give each daemon its own <mmv> name)")]
        public static partial void MmvInUse(ILogger logger, string reason);
    }
}
