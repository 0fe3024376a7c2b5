using Fathom.Core.Collectors;
using Fathom.Core.Scheduling;

namespace Fathom.Daemon.Supervision;

/// <summary>
/// One collector as the supervisor sees it at one moment: its configuration, state, last run
/// (start, duration, error), counters and next run. Immutable; for the HTTP API and the lookup client.
/// </summary>
internal sealed record CollectorSnapshot(
    string Id,
    string Module,
    TimeSpan Interval,
    ScheduleMode Schedule,
    IsolationMode Isolation,
    CollectorState State,
    CollectorRun? LastRun,
    long Runs,
    long Failures,
    long Timeouts,
    long Overruns,
    long Restarts,
    DateTimeOffset? RunningSince,
    DateTimeOffset? NextRun,
    int? ChildPid)
{
    public static CollectorSnapshot Of(ICollectorWorker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var c = worker.Config;
        var s = worker.Stats;
        return new CollectorSnapshot(
            c.Id, c.Module, c.Interval, c.Schedule, c.Isolation, worker.State, s.LastRun,
            s.Runs, s.Failures, s.Timeouts, s.Overruns, s.Restarts, s.RunningSince, s.NextRun, worker.ChildPid);
    }
}
