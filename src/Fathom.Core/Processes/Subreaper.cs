using System.Globalization;
using System.Runtime.InteropServices;
using Fathom.Core.Native;

namespace Fathom.Core.Processes;

/// <summary>
/// Makes this process a child subreaper (PR_SET_CHILD_SUBREAPER): a descendant whose parent
/// dies (a script's setsid or double-forked child) becomes our child instead of init's, so a
/// clean stop can find and stop it. Such orphans are reaped here; children a
/// <see cref="ChildProcess"/> owns are left to it (see <see cref="ChildRegistry"/>). Only for a
/// process that starts children through <see cref="ChildProcess"/> alone: a System.Diagnostics.Process
/// child would be reaped here under the runtime.
/// </summary>
public static unsafe class Subreaper
{

    // siginfo_t's si_pid: after si_signo, si_errno, si_code and padding to the 8-byte union.
    private const int SiPidOffset = 16;
    private static int _enabled;

    public static void Enable()
    {
        if (Interlocked.Exchange(ref _enabled, 1) == 1)
        {
            return;
        }

        Libc.Check(Libc.prctl(Libc.PrSetChildSubreaper, 1, 0, 0, 0), "prctl(PR_SET_CHILD_SUBREAPER)");
        var thread = new Thread(ReapOrphans, maxStackSize: 128 * 1024) { IsBackground = true, Name = "fathom-orphans" };
        thread.Start();
    }

    /// <summary>Our live descendants (zombies left out), children before grandchildren.</summary>
    public static List<int> Descendants()
    {
        var parentOf = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ReadStat(pid) is { } stat && stat.State != 'Z')
            {
                parentOf[pid] = stat.Parent;
            }
        }

        var found = new List<int>();
        var frontier = new HashSet<int> { Environment.ProcessId };
        while (frontier.Count > 0)
        {
            var next = new HashSet<int>();
            foreach (var (pid, parent) in parentOf)
            {
                if (frontier.Contains(parent) && !found.Contains(pid))
                {
                    next.Add(pid);
                }
            }

            found.AddRange(next);
            frontier = next;
        }

        return found;
    }

    private static (char State, int Parent)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone meanwhile
        }

        // The command name may hold spaces and parentheses: the fields start after the last ')'.
        var close = text.LastIndexOf(')');
        if (close < 0 || close + 4 > text.Length)
        {
            return null;
        }

        var fields = text[(close + 2)..].Split(' ', 3);
        return fields.Length >= 2 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent)
            ? (fields[0][0], parent)
            : null;
    }

    private static void ReapOrphans()
    {
        var info = stackalloc byte[Libc.OpaqueSize];
        while (true)
        {
            new Span<byte>(info, Libc.OpaqueSize).Clear();

            // WNOWAIT: look at the first zombie child without taking its status.
            if (Libc.waitid(Libc.P_ALL, 0, info, Libc.WEXITED | Libc.WNOWAIT) < 0)
            {
                if (Marshal.GetLastPInvokeError() == Libc.EChild)
                {
                    // No children at all, so no descendants to orphan: sleep until a spawn. Spawns
                    // happen under the gate, so asking again under it cannot miss one's pulse.
                    lock (ChildRegistry.Gate)
                    {
                        new Span<byte>(info, Libc.OpaqueSize).Clear();
                        if (Libc.waitid(Libc.P_ALL, 0, info, Libc.WEXITED | Libc.WNOHANG | Libc.WNOWAIT) < 0
                            && Marshal.GetLastPInvokeError() == Libc.EChild)
                        {
                            Monitor.Wait(ChildRegistry.Gate);
                        }
                    }
                }

                continue;
            }

            var pid = *(int*)(info + SiPidOffset);
            lock (ChildRegistry.Gate)
            {
                if (pid <= 0 || ChildRegistry.IsOwnedLocked(pid))
                {
                    // Its owner reaps it in a moment (and pulses the gate).
                    Monitor.Wait(ChildRegistry.Gate, TimeSpan.FromMilliseconds(100));
                    continue;
                }

                int status;
                Libc.waitpid(pid, &status, Libc.WNOHANG);
            }
        }
    }
}
