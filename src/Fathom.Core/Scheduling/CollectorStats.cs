namespace Fathom.Core.Scheduling;

/// <summary>Counters of one collector, updated by its runner or its child supervisor; read by metrics and logs.</summary>
public sealed class CollectorStats(string collectorId)
{
    private long _runs;
    private long _failures;
    private long _timeouts;
    private long _overruns;
    private long _restarts;
    private long _lastDurationUs;

    public string CollectorId { get; } = collectorId;

    /// <summary>Runs that ended, however they ended (failures and timeouts included).</summary>
    public long Runs => Interlocked.Read(ref _runs);

    public long Failures => Interlocked.Read(ref _failures);

    public long Timeouts => Interlocked.Read(ref _timeouts);

    public long Overruns => Interlocked.Read(ref _overruns);

    public long Restarts => Interlocked.Read(ref _restarts);

    public TimeSpan LastDuration => TimeSpan.FromMicroseconds(Interlocked.Read(ref _lastDurationUs));

    public void RunFinished(TimeSpan duration)
    {
        Interlocked.Increment(ref _runs);
        Interlocked.Exchange(ref _lastDurationUs, (long)duration.TotalMicroseconds);
    }

    public void Failed() => Interlocked.Increment(ref _failures);

    public void TimedOut() => Interlocked.Increment(ref _timeouts);

    /// <summary>Counts <paramref name="slots"/> runs that did not happen because an earlier one overran.</summary>
    public void Overran(long slots = 1) => Interlocked.Add(ref _overruns, slots);

    public void Restarted() => Interlocked.Increment(ref _restarts);
}
