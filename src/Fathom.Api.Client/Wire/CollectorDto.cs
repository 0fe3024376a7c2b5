namespace Fathom.Api.Client.Wire;

/// <summary>One collector as the supervisor sees it (GET /api/v1/collectors): configuration, state, counters (manual runs: started through "run now"), last and next run.</summary>
public sealed record CollectorDto(
    string Id,
    string Module,
    double IntervalSeconds,
    string Schedule,
    string Isolation,
    string State,
    CollectorRunDto? LastRun,
    long Runs,
    long Failures,
    long Timeouts,
    long Overruns,
    long Restarts,
    DateTimeOffset? RunningSince,
    DateTimeOffset? NextRun,
    int? ChildPid,
    long ManualRuns = 0);
