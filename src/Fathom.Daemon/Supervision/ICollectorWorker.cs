using Fathom.Api.Hosting;
using Fathom.Core.Collectors;
using Fathom.Core.Scheduling;

namespace Fathom.Daemon.Supervision;

/// <summary>One running collector: in the daemon (thread) or in a child process.</summary>
internal interface ICollectorWorker
{
    CollectorConfig Config { get; }

    CollectorStats Stats { get; }

    /// <summary>What it is doing now; by default read from its counters (a run in progress or not).</summary>
    CollectorState State => Stats.RunningSince is null ? CollectorState.Idle : CollectorState.Running;

    /// <summary>The child's pid for a process-isolated collector while a child runs; else null.</summary>
    int? ChildPid => null;

    void Start();

    /// <summary>Starts a run now, out of the schedule (counted as a manual run); runs never overlap.</summary>
    Task<RunNowResult> RunNowAsync(CancellationToken cancellationToken) => Task.FromResult(RunNowResult.Unavailable);

    /// <summary>Stops the collector; children get SIGTERM, then SIGKILL after <paramref name="grace"/>.</summary>
    Task StopAsync(TimeSpan grace);
}
