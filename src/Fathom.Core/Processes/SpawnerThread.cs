using System.Collections.Concurrent;

namespace Fathom.Core.Processes;

/// <summary>
/// The one long-lived thread every child is spawned from: children that set PR_SET_PDEATHSIG
/// get their signal when the spawning *thread* exits, so that thread must live as long as we do.
/// </summary>
internal static class SpawnerThread
{
    private static readonly Lazy<BlockingCollection<Action>> Queue = new(StartThread, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _threadId;

    /// <summary>Runs <paramref name="work"/> on the spawner thread and waits for its result.</summary>
    public static T Invoke<T>(Func<T> work)
    {
        var queue = Queue.Value;
        if (Environment.CurrentManagedThreadId == Volatile.Read(ref _threadId))
        {
            return work();
        }

        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Add(() =>
        {
            try
            {
                done.SetResult(work());
            }
#pragma warning disable CA1031 // the failure is handed back to the caller
            catch (Exception e)
#pragma warning restore CA1031
            {
                done.SetException(e);
            }
        });
        return done.Task.GetAwaiter().GetResult();
    }

    private static BlockingCollection<Action> StartThread()
    {
        var queue = new BlockingCollection<Action>();
        var thread = new Thread(() =>
        {
            Volatile.Write(ref _threadId, Environment.CurrentManagedThreadId);
            foreach (var item in queue.GetConsumingEnumerable())
            {
                item();
            }
        }, maxStackSize: 256 * 1024)
        {
            IsBackground = true,
            Name = "fathom-spawner",
        };
        thread.Start();
        return queue;
    }
}
