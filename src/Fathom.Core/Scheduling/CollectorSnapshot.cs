using Fathom.Core.Collectors;

namespace Fathom.Core.Scheduling;

/// <summary>
/// One collector as the supervisor sees it at one moment: its configuration, state, last run
/// (start, duration, error), counters and next run. Immutable; for the HTTP API and the lookup client.
/// </summary>
public sealed record CollectorSnapshot(
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
    int? ChildPid,
    long ManualRuns = 0);
