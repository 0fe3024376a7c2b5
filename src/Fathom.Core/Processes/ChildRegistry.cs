namespace Fathom.Core.Processes;

/// <summary>
/// The pids of children a <see cref="ChildProcess"/> owns and will reap itself; the subreaper
/// reaps only the others (orphaned descendants), so no wrapper ever loses its child's status.
/// A pid is added under <see cref="Gate"/> in the same step as the spawn, and removed once reaped.
/// </summary>
internal static class ChildRegistry
{
    private static readonly HashSet<int> Owned = [];

    public static object Gate { get; } = new();

    /// <summary>Spawns under the gate, so the new pid is owned before anyone can see it exit.</summary>
    public static int SpawnOwned(Func<int> spawn)
    {
        lock (Gate)
        {
            var pid = spawn();
            Owned.Add(pid);
            Monitor.PulseAll(Gate);
            return pid;
        }
    }

    public static void Reaped(int pid)
    {
        lock (Gate)
        {
            Owned.Remove(pid);
            Monitor.PulseAll(Gate);
        }
    }

    /// <summary>Call with <see cref="Gate"/> held.</summary>
    public static bool IsOwnedLocked(int pid) => Owned.Contains(pid);
}
