namespace Fathom.Collectors.Probes;

/// <summary>
/// A probe module's untimed warm-up before its first timed probe: the same code run once against
/// a loopback peer of our own, so JIT compilation, socket, TLS and resolver start-up are not
/// measured as the target's figures. Best effort and bounded: a failed warm-up is ignored (the
/// timed probe reports any real problem).
/// </summary>
internal static class ProbeWarmup
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);
    private static readonly Lock Gate = new();
    private static int _running;
    private static TaskCompletionSource _quiet = Quiet();

    /// <summary>
    /// Runs <paramref name="warm"/>, then waits (at most 5 s) until no other collector of this
    /// process is warming up: their JIT work would otherwise slow this collector's first timed probe.
    /// </summary>
    public static async Task RunAsync(Func<CancellationToken, Task<string?>> warm, CancellationToken cancellationToken)
    {
        lock (Gate)
        {
            if (_running++ == 0)
            {
                _quiet = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(Limit);
            // A failed warm-up still compiled what it ran; the timed probe reports any real problem.
            _ = await warm(limit.Token).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Best effort: whatever went wrong here, the timed probe meets and reports it.
        }
        finally
        {
            lock (Gate)
            {
                if (--_running == 0)
                {
                    _quiet.TrySetResult();
                }
            }
        }

        Task quiet;
        lock (Gate)
        {
            quiet = _quiet.Task;
        }

        await Task.WhenAny(quiet, Task.Delay(Limit, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource Quiet()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }
}
