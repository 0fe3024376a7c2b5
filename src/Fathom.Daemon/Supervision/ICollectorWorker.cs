using Fathom.Core.Collectors;
using Fathom.Core.Scheduling;

namespace Fathom.Daemon.Supervision;

/// <summary>One running collector: in the daemon (thread) or in a child process.</summary>
internal interface ICollectorWorker
{
    CollectorConfig Config { get; }

    CollectorStats Stats { get; }

    void Start();

    /// <summary>Stops the collector; children get SIGTERM, then SIGKILL after <paramref name="grace"/>.</summary>
    Task StopAsync(TimeSpan grace);
}
