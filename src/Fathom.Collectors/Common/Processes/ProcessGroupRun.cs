using Fathom.Core.Collectors;
using Fathom.Core.Processes;

namespace Fathom.Collectors.Common.Processes;

/// <summary>
/// One run of a script in its own process group: wait for it, and whatever happens (timeout,
/// shutdown, background processes left behind) end the whole group so nothing outlives the run.
/// </summary>
internal static class ProcessGroupRun
{
    /// <summary>How long SIGTERM gets before SIGKILL, and output gets to close after the script exits.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    /// <summary>Waits for the script and its output; kills the group and rethrows on cancellation.</summary>
    public static async Task<ChildExit> WaitAsync(ChildProcess child, Task output, CollectContext context, CancellationToken cancellationToken)
    {
        try
        {
            var exit = await child.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
            var outputClosed = await Within(output, Grace, cancellationToken).ConfigureAwait(false);
            if (!outputClosed || child.SignalGroup(0))
            {
                context.ReportProblem($"collector {context.CollectorId}: the script left background processes running; killing its process group");
                await KillGroupAsync(child, output).ConfigureAwait(false);
                if (!await Within(output, Grace, cancellationToken).ConfigureAwait(false))
                {
                    // Only a process that left the group (setsid) can still hold it; its lines are dropped.
                    context.ReportProblem($"collector {context.CollectorId}: the script's output is still held open by a process outside its group");
                }
            }

            return exit;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await KillGroupAsync(child, output).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>SIGTERM to the group, SIGKILL after the grace, then wait (bounded) for the reaping.</summary>
    public static async Task KillGroupAsync(ChildProcess child, Task output)
    {
        child.SignalGroup(Signals.SIGTERM);
        await Within(Task.WhenAll(child.Exited, output), Grace, CancellationToken.None).ConfigureAwait(false);
        child.SignalGroup(Signals.SIGKILL);
        await Within(child.Exited, Grace, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>True when <paramref name="task"/> completed within <paramref name="limit"/> (real time: children live in it).</summary>
    private static async Task<bool> Within(Task task, TimeSpan limit, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(limit, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
