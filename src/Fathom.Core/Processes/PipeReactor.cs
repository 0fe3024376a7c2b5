using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Fathom.Core.Native;

namespace Fathom.Core.Processes;

/// <summary>
/// One thread that waits, with epoll, for every child pipe we hold to become readable or
/// writable. A blocking read on a pipe ties up a thread-pool thread on Linux for as long as the
/// child is quiet; this way any number of children cost one thread.
/// </summary>
internal static unsafe class PipeReactor
{
    private const int MaxEvents = 64;

    // struct epoll_event is packed on x86_64 (12 bytes) and naturally aligned elsewhere (16 bytes).
    private static readonly bool Packed = RuntimeInformation.ProcessArchitecture == Architecture.X64;
    private static readonly int EventSize = Packed ? 12 : 16;
    private static readonly int DataOffset = Packed ? 4 : 8;
    private static readonly ConcurrentDictionary<long, TaskCompletionSource> Waiters = new();
    private static readonly Lazy<int> Epoll = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static long _nextToken;

    /// <summary>Completes when <paramref name="fd"/> is ready for <paramref name="events"/> (or hung up).</summary>
    /// <param name="fd">The descriptor to wait on.</param>
    /// <param name="events">EPOLLIN or EPOLLOUT.</param>
    /// <param name="registered">Whether the fd is already in the epoll set; set to true on return.</param>
    /// <param name="token">Set to this wait's token, for <see cref="Wake"/>.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    public static Task WaitAsync(int fd, uint events, ref bool registered, out long token, CancellationToken cancellationToken)
    {
        token = Interlocked.Increment(ref _nextToken);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Waiters[token] = ready;
        var ev = stackalloc byte[16];
        *(uint*)ev = events | Libc.EPOLLONESHOT;
        *(long*)(ev + DataOffset) = token;
        var op = registered ? Libc.EPOLL_CTL_MOD : Libc.EPOLL_CTL_ADD;
        if (Libc.epoll_ctl(Epoll.Value, op, fd, ev) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Waiters.TryRemove(token, out _);
            throw new IOException($"epoll_ctl on a child pipe failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }

        registered = true;
        if (!cancellationToken.CanBeCanceled)
        {
            return ready.Task;
        }

        // A cancelled waiter leaves its one-shot registration armed; the next wait re-arms it anyway.
        var id = token;
        var registration = cancellationToken.Register(() =>
        {
            if (Waiters.TryRemove(id, out var w))
            {
                w.TrySetCanceled(cancellationToken);
            }
        });
        _ = ready.Task.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), registration, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return ready.Task;
    }

    /// <summary>Takes a registered fd out of the set before it is closed.</summary>
    public static void Remove(int fd) => Libc.epoll_ctl(Epoll.Value, Libc.EPOLL_CTL_DEL, fd, null);

    /// <summary>Completes a wait early (its stream is being closed); unknown tokens are ignored.</summary>
    public static void Wake(long token)
    {
        if (Waiters.TryRemove(token, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    private static int Start()
    {
        var epfd = Libc.epoll_create1(Libc.O_CLOEXEC);
        Libc.Check(epfd, "epoll_create1");
        var thread = new Thread(() => Loop(epfd), maxStackSize: 128 * 1024) { IsBackground = true, Name = "fathom-pipes" };
        thread.Start();
        return epfd;
    }

    private static void Loop(int epfd)
    {
        var buffer = stackalloc byte[MaxEvents * 16];
        while (true)
        {
            var n = Libc.epoll_wait(epfd, buffer, MaxEvents, -1);
            for (var i = 0; i < n; i++)
            {
                var token = *(long*)(buffer + (i * EventSize) + DataOffset);
                if (Waiters.TryRemove(token, out var waiter))
                {
                    waiter.TrySetResult();
                }
            }
        }
    }
}
