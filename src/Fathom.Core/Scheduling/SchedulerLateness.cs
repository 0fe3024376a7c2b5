namespace Fathom.Core.Scheduling;

/// <summary>
/// Run-start lateness since start, and in steady state (after a warm-up in which the JIT compiles
/// the hot paths and the first slots of every collector fall together), kept apart so start-up
/// does not hide the figure that holds for the daemon's life.
/// </summary>
public sealed class SchedulerLateness(TimeProvider time, TimeSpan warmUp) : ILatencyRecorder
{
    private readonly long _steadyFrom = time.GetTimestamp() + (long)(warmUp.TotalSeconds * time.TimestampFrequency);

    public LatencyHistogram All { get; } = new();

    public LatencyHistogram Steady { get; } = new();

    public void Record(TimeSpan value)
    {
        All.Record(value);
        if (time.GetTimestamp() >= _steadyFrom)
        {
            Steady.Record(value);
        }
    }
}
