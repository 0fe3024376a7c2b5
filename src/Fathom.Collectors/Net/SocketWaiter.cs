using System.Diagnostics;
using System.Runtime.InteropServices;
using Fathom.Core.Native;

namespace Fathom.Collectors.Net;

/// <summary>
/// The one wait of every receive thread (ping's endpoints, the SNMP client, the trace loop): ppoll
/// on a socket and an eventfd until a datagram or an error-queue entry arrives, another thread
/// calls <see cref="Wake"/>, or a deadline passes.
/// </summary>
internal sealed unsafe class SocketWaiter : IDisposable
{
    private readonly int _wake;
    private bool _disposed;

    public SocketWaiter()
    {
        _wake = Libc.eventfd(0, Libc.EfdCloexec | Libc.EfdNonblock);
        if (_wake < 0)
        {
            throw new IOException($"eventfd: {Libc.ErrorText(Marshal.GetLastPInvokeError())}");
        }
    }

    /// <summary>Ends a <see cref="Wait"/> in progress (or the next one) from any thread.</summary>
    public void Wake()
    {
        long one = 1;
        Libc.write(_wake, &one, sizeof(long));
    }

    /// <summary>
    /// Waits for <paramref name="fd"/> until the Stopwatch timestamp <paramref name="deadline"/>
    /// (<see cref="long.MaxValue"/>: none) and returns its revents: 0 after a wake, the deadline or
    /// a signal. A failed ppoll is an <see cref="IOException"/>.
    /// </summary>
    public short Wait(int fd, long deadline)
    {
        var fds = stackalloc PollFd[2];
        fds[0] = new PollFd { Fd = fd, Events = Libc.PollIn };
        fds[1] = new PollFd { Fd = _wake, Events = Libc.PollIn };
        TimeSpec timeout;
        var until = deadline == long.MaxValue ? null : &timeout;
        if (until is not null)
        {
            var ns = (long)(Math.Max(0, deadline - Stopwatch.GetTimestamp()) * (1e9 / Stopwatch.Frequency));
            timeout = new TimeSpec { Seconds = ns / 1_000_000_000, Nanoseconds = ns % 1_000_000_000 };
        }

        if (Libc.ppoll(fds, 2, until, null) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == Libc.EIntr ? (short)0 : throw new IOException($"ppoll: {Libc.ErrorText(errno)}");
        }

        if ((fds[1].Revents & Libc.PollIn) != 0)
        {
            long count;
            Libc.read(_wake, &count, sizeof(long));
        }

        return fds[0].Revents;
    }

    /// <summary>Closes the eventfd; only after the waiting thread has ended.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Libc.close(_wake);
        }
    }
}
