using Fathom.Daemon.Supervision;

namespace Fathom.Daemon.Parts;

/// <summary>Makes the daemon the reaper of its children's orphans, and stops whatever of them is left at the end.</summary>
internal sealed class DescendantsPart(DaemonRun run) : IDaemonPart
{
    public string Name => "descendant reaper";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        DescendantStopper.Adopt(run.Log);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        DescendantStopper.StopAllAsync(run.Settings.ShutdownTimeout, run.Time, run.Log);
}
