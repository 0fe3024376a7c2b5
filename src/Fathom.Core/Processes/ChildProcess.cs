using System.Runtime.InteropServices;
using Fathom.Core.Native;

namespace Fathom.Core.Processes;

/// <summary>
/// A child started with posix_spawn (argv[0], process group and session under our control),
/// reaped by a waitpid on its own pid only, so .NET's Process keeps its children's statuses.
/// Disposing closes our pipe ends; it neither kills nor waits for the child.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly object _gate = new();
    private readonly TaskCompletionSource<ChildExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _ownGroup;
    private bool _reaped;

    private ChildProcess(int pid, bool ownGroup, PipeSet pipes)
    {
        Pid = pid;
        _ownGroup = ownGroup;
        StandardInput = pipes.StandardInput;
        StandardOutput = pipes.StandardOutput;
        StandardError = pipes.StandardError;
        ExtraStreams = pipes.Extra;
    }

    public int Pid { get; }

    /// <summary>Our write end of the child's stdin; null unless piped.</summary>
    public Stream? StandardInput { get; }

    public Stream? StandardOutput { get; }

    public Stream? StandardError { get; }

    /// <summary>Our ends of <see cref="SpawnOptions.ExtraPipes"/>, in the same order.</summary>
    public IReadOnlyList<Stream> ExtraStreams { get; }

    /// <summary>Completes when the child has ended and been reaped.</summary>
    public Task<ChildExit> Exited => _exited.Task;

    /// <summary>Starts a child; throws <see cref="IOException"/> naming the path when it cannot run.</summary>
    public static ChildProcess Start(SpawnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var pipes = new PipeSet(options);
        try
        {
            var pid = SpawnerThread.Invoke(() => ChildRegistry.SpawnOwned(() => NativeSpawn.Spawn(options, pipes.Dups, pipes.DevNull)));
            pipes.CloseChildEnds();
            var child = new ChildProcess(pid, options.NewProcessGroup || options.NewSession, pipes);
            child.StartReaper();
            return child;
        }
        catch
        {
            pipes.CloseChildEnds();
            pipes.DisposeParentEnds();
            throw;
        }
    }

    /// <summary>Sends a signal to the child; false once it has been reaped (its pid may be reused).</summary>
    public bool Signal(int signal)
    {
        lock (_gate)
        {
            return !_reaped && Libc.kill(Pid, signal) == 0;
        }
    }

    /// <summary>Sends a signal to every process of the child's group; false when none is left.</summary>
    public bool SignalGroup(int signal)
    {
        if (!_ownGroup)
        {
            throw new InvalidOperationException("the child was not started in a process group of its own");
        }

        // The group id stays reserved while any member lives, even after the leader was reaped.
        return Libc.kill(-Pid, signal) == 0;
    }

    public void Dispose()
    {
        StandardInput?.Dispose();
        StandardOutput?.Dispose();
        StandardError?.Dispose();
        foreach (var s in ExtraStreams)
        {
            s.Dispose();
        }
    }

    private void StartReaper()
    {
        var thread = new Thread(Reap, maxStackSize: 128 * 1024) { IsBackground = true, Name = "fathom-reap" };
        thread.Start();
    }

    private unsafe void Reap()
    {
        // Wait without reaping first, so Signal never hits a recycled pid: reaping happens under the lock.
        var info = stackalloc byte[Libc.OpaqueSize];
        while (Libc.waitid(Libc.P_PID, Pid, info, Libc.WEXITED | Libc.WNOWAIT) < 0)
        {
            if (Marshal.GetLastPInvokeError() != Libc.EIntr)
            {
                break;
            }
        }

        int status = 0, result;
        lock (_gate)
        {
            do
            {
                result = Libc.waitpid(Pid, &status, 0);
            }
            while (result < 0 && Marshal.GetLastPInvokeError() == Libc.EIntr);
            _reaped = true;
        }

        ChildRegistry.Reaped(Pid);

        _exited.TrySetResult(result == Pid ? ChildExit.FromWaitStatus(status) : default);
    }
}
