using System.Runtime.InteropServices;
using Fathom.Core.Native;

namespace Fathom.Collectors.Net;

/// <summary>Handles one received packet; the span is only valid during the call.</summary>
internal delegate void DatagramHandler(ReadOnlySpan<byte> packet, in Datagram datagram);

/// <summary>
/// One thread per socket (not per target) that sleeps in poll() and drains the socket and its
/// error queue as packets arrive, timestamping each right away; an eventfd wakes it to stop.
/// </summary>
internal sealed unsafe class ReceiveLoop : IDisposable
{
    private readonly NativeSocket _socket;
    private readonly DatagramHandler _handler;
    private readonly Action<Exception> _onFault;
    private readonly Thread _thread;
    private readonly SocketWaiter _waiter;
    private volatile bool _stopping;

    public ReceiveLoop(NativeSocket socket, DatagramHandler handler, Action<Exception> onFault, string name)
    {
        _socket = socket;
        _handler = handler;
        _onFault = onFault;
        _waiter = new SocketWaiter();

        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Malformed, truncated or foreign packets the handler counted through <see cref="CountSkipped"/>.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    private long _skipped;

    public void CountSkipped() => Interlocked.Increment(ref _skipped);

    private void Run()
    {
        var buffer = new byte[65536];
        try
        {
            while (!_stopping)
            {
                var events = _waiter.Wait(_socket.Fd, long.MaxValue);
                if ((events & Libc.PollErr) != 0)
                {
                    Drain(buffer, errorQueue: true);
                }

                if ((events & Libc.PollIn) != 0)
                {
                    Drain(buffer, errorQueue: false);
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            _onFault(e);
        }
    }

    private void Drain(byte[] buffer, bool errorQueue)
    {
        // Bounded: a flood cannot starve the stop check.
        for (var i = 0; i < 1024 && !_stopping; i++)
        {
            var length = _socket.Receive(buffer, errorQueue, out var datagram);
            if (length < 0)
            {
                return;
            }

            _handler(buffer.AsSpan(0, length), datagram);
        }
    }

    /// <summary>Stops and joins the thread; the socket stays open (its owner closes it after this).</summary>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _waiter.Wake();
        _thread.Join(TimeSpan.FromSeconds(5));
        _waiter.Dispose();
    }
}
