namespace Fathom.Core.Scheduling;

/// <summary>
/// Counters of one collector, updated by its runner or its child supervisor; read by metrics,
/// logs and the supervisor's snapshot from any thread.
/// </summary>
public sealed class CollectorStats(string collectorId)
{
    private long _runs;
    private long _failures;
    private long _timeouts;
    private long _overruns;
    private long _restarts;
    private long _manualRuns;
    private long _abandoned;
    private long _lastDurationUs;
    private long _runningSinceTicks;
    private long _nextRunTicks;
    private long _version;
    private CollectorRun? _lastRun;

    public string CollectorId { get; } = collectorId;

    /// <summary>Runs that ended, however they ended (failures and timeouts included).</summary>
    public long Runs => Interlocked.Read(ref _runs);

    public long Failures => Interlocked.Read(ref _failures);

    public long Timeouts => Interlocked.Read(ref _timeouts);

    public long Overruns => Interlocked.Read(ref _overruns);

    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Runs started out of schedule on request (the API's "run now"); they are in <see cref="Runs"/> too once ended.</summary>
    public long ManualRuns => Interlocked.Read(ref _manualRuns);

    /// <summary>Runs that ignored their cancellation and were left behind (a collector child exits after one).</summary>
    public long Abandoned => Interlocked.Read(ref _abandoned);

    public TimeSpan LastDuration => TimeSpan.FromMicroseconds(Interlocked.Read(ref _lastDurationUs));

    /// <summary>The last run that ended (or was abandoned); null before the first.</summary>
    public CollectorRun? LastRun => Volatile.Read(ref _lastRun);

    /// <summary>When the run in progress started; null between runs.</summary>
    public DateTimeOffset? RunningSince => FromTicks(Interlocked.Read(ref _runningSinceTicks));

    /// <summary>When the next run is due; null while a run is in progress or nothing is scheduled.</summary>
    public DateTimeOffset? NextRun => FromTicks(Interlocked.Read(ref _nextRunTicks));

    /// <summary>Grows with every change, so a reader can tell whether anything moved.</summary>
    public long Version => Interlocked.Read(ref _version);

    public void RunStarted(DateTimeOffset start)
    {
        Interlocked.Exchange(ref _nextRunTicks, 0);
        Interlocked.Exchange(ref _runningSinceTicks, start.UtcTicks);
        Changed();
    }

    public void RunFinished(TimeSpan duration) => RunFinished(duration, null);

    /// <summary>A run ended after <paramref name="duration"/>; <paramref name="error"/> says why it failed, null when it did not.</summary>
    public void RunFinished(TimeSpan duration, string? error)
    {
        Interlocked.Increment(ref _runs);
        Interlocked.Exchange(ref _lastDurationUs, (long)duration.TotalMicroseconds);
        EndRun(duration, error);
    }

    /// <summary>A run left behind (it ignored its cancellation): not counted as ended, but it is the last run.</summary>
    public void RunAbandoned(TimeSpan duration, string error)
    {
        Interlocked.Increment(ref _abandoned);
        EndRun(duration, error);
    }

    /// <summary>A run cut short by the stop: no longer running, and not a result.</summary>
    public void RunCancelled()
    {
        Interlocked.Exchange(ref _runningSinceTicks, 0);
        Changed();
    }

    public void Scheduled(DateTimeOffset? next)
    {
        Interlocked.Exchange(ref _nextRunTicks, next?.UtcTicks ?? 0);
        Changed();
    }

    /// <summary>What a collector child reported of its last run, its run in progress and its next run.</summary>
    public void Report(CollectorRun? lastRun, DateTimeOffset? runningSince, DateTimeOffset? nextRun)
    {
        Volatile.Write(ref _lastRun, lastRun);
        Interlocked.Exchange(ref _runningSinceTicks, runningSince?.UtcTicks ?? 0);
        Interlocked.Exchange(ref _nextRunTicks, nextRun?.UtcTicks ?? 0);
        Changed();
    }

    public void Failed()
    {
        Interlocked.Increment(ref _failures);
        Changed();
    }

    public void TimedOut()
    {
        Interlocked.Increment(ref _timeouts);
        Changed();
    }

    /// <summary>Counts <paramref name="slots"/> runs that did not happen because an earlier one overran.</summary>
    public void Overran(long slots = 1)
    {
        Interlocked.Add(ref _overruns, slots);
        Changed();
    }

    public void ManualRunStarted()
    {
        Interlocked.Increment(ref _manualRuns);
        Changed();
    }

    public void Restarted()
    {
        Interlocked.Increment(ref _restarts);
        Changed();
    }

    private void EndRun(TimeSpan duration, string? error)
    {
        var since = Interlocked.Exchange(ref _runningSinceTicks, 0);
        if (since != 0)
        {
            Volatile.Write(ref _lastRun, new CollectorRun(new DateTimeOffset(since, TimeSpan.Zero), duration, error));
        }

        Changed();
    }

    private void Changed() => Interlocked.Increment(ref _version);

    private static DateTimeOffset? FromTicks(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}
