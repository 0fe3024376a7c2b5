using Fathom.Core.Collectors;
using Fathom.Core.Measurements;
using Microsoft.Extensions.Logging;

namespace Fathom.Core.Scheduling;

/// <summary>
/// Runs one collector in the daemon on its schedule: one one-shot timer, re-armed when a run
/// ends, so runs never overlap. Each run has a timeout; a collector that ignores cancellation is
/// abandoned (counted) and its next runs wait until it really returns.
/// </summary>
public sealed partial class CollectorRunner : IAsyncDisposable
{
    private readonly CollectorConfig _config;
    private readonly ICollector _collector;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ILatencyRecorder? _lateness;
    /// <summary>A run that starts this close to its scheduled time stamps its samples with that time.</summary>
    public static readonly TimeSpan TimestampTolerance = TimeSpan.FromMilliseconds(5);

    private readonly RunContext _context;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeSpan _offset;
    private readonly object _gate = new();
    private ITimer? _timer;
    private Task _inflight = Task.CompletedTask;
    private DateTimeOffset _due;
    private bool _manual;
    private bool _dueDuringManual;
    private bool _stopped;
    private bool _disposed;

    public CollectorRunner(
        CollectorConfig config, ICollector collector, TimeProvider time, IMeasurementSink sink, ILogger logger, CollectorStats stats, ILatencyRecorder? lateness = null)
    {
        _config = config;
        _collector = collector;
        _time = time;
        _logger = logger;
        _lateness = lateness;
        Stats = stats;
        _context = new RunContext(config.Id, time, sink, logger);
        _offset = SlotPlanner.Offset(config.Id, config.Jitter);
    }

    public CollectorStats Stats { get; }

    public CollectorConfig Config => _config;

    /// <summary>Problems the collector reported through its context.</summary>
    public long Problems => _context.Problems;

    /// <summary>
    /// Arms the first run: now for the sleep schedule, the next slot for aligned. A collector with
    /// a warm-up (<see cref="ICollectorWarmUp"/>) is warmed first and its first run armed after.
    /// </summary>
    public void Start()
    {
        lock (_gate)
        {
            // OnDue only starts the run (the collector itself goes to the pool), so it may run on the timer thread.
            TimerCallback onDue = static s => ((CollectorRunner)s!).OnDue();
            _timer = _time is PreciseTimeProvider precise
                ? precise.CreateInlineTimer(onDue, this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan)
                : _time.CreateTimer(onDue, this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (_collector is ICollectorWarmUp warm)
            {
                // The warm-up stands as the run in flight, so a stop waits for it like for a run.
                _inflight = Task.Run(() => WarmUpThenArmAsync(warm));
                return;
            }

            ArmFirstLocked();
        }
    }

    private void ArmFirstLocked()
    {
        var now = _time.GetUtcNow();
        Arm(_config.Schedule == ScheduleMode.Aligned ? SlotPlanner.NextSlot(now, _config.Interval, _offset) : now, now);
    }

    private async Task WarmUpThenArmAsync(ICollectorWarmUp warm)
    {
        try
        {
            await warm.WarmUpAsync(_context, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            // Best effort: the first timed run meets and reports any real problem.
            Log.WarmUpFailed(_logger, e.GetType().Name, e.Message);
        }

        lock (_gate)
        {
            if (!_stopped)
            {
                ArmFirstLocked();
            }
        }
    }

    /// <summary>Stops scheduling, cancels a run in progress and waits up to <paramref name="grace"/> for it.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        Task inflight;
        bool first;
        lock (_gate)
        {
            first = !_stopped;
            _stopped = true;
            _timer?.Dispose();
            inflight = _inflight;
            Stats.Scheduled(null);
        }

        if (first)
        {
            // Only once: after DisposeAsync the source is gone, and a second stop must not throw.
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await inflight.WaitAsync(grace, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.StopAbandoned(_logger, grace.TotalSeconds);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            // The run's own outcome was already logged by RunAsync.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _stopping.Dispose();
    }

    private void Arm(DateTimeOffset due, DateTimeOffset now)
    {
        _due = due;
        Stats.Scheduled(due);
        var delay = due - now;
        _timer!.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
    }

    private void OnDue()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            if (!_inflight.IsCompleted && _manual)
            {
                // A manual run holds the slot: the scheduled run follows as soon as it ends, not counted as an overrun.
                _dueDuringManual = true;
                return;
            }

            if (!_inflight.IsCompleted)
            {
                // An abandoned run is still going: never stack a second one on it.
                Stats.Overran();
                Log.StillRunning(_logger);
                ScheduleNextLocked(_time.GetUtcNow(), null, _due);
                return;
            }

            _inflight = done.Task;
        }

        _ = RunAndSignalAsync(done, manual: false);
    }

    /// <summary>
    /// Starts a run now, out of schedule (the API's "run now"), counted in <see cref="CollectorStats.ManualRuns"/>.
    /// Never while a run is in progress; the schedule stays as it was (aligned slots stay aligned).
    /// </summary>
    public ManualRunStart RunNow()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_stopped || _timer is null)
            {
                return ManualRunStart.Stopped;
            }

            if (!_inflight.IsCompleted)
            {
                return ManualRunStart.Busy;
            }

            _inflight = done.Task;
            _manual = true;
            Stats.ManualRunStarted();
        }

        Log.ManualRun(_logger);
        _ = RunAndSignalAsync(done, manual: true);
        return ManualRunStart.Started;
    }

    private async Task RunAndSignalAsync(TaskCompletionSource done, bool manual)
    {
        try
        {
            await RunAsync(done, manual).ConfigureAwait(false);
        }
        finally
        {
            done.TrySetResult();
        }
    }
}
