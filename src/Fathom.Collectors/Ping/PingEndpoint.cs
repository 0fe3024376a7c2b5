using System.Diagnostics;
using System.Runtime.InteropServices;
using Fathom.Collectors.Net;
using Fathom.Core.Native;

namespace Fathom.Collectors.Ping;

/// <summary>
/// One ICMP socket of one address family and TTL, shared by every ping target of the process, and
/// one thread that both sends (each probe when due) and receives, fping-style: it sleeps in ppoll
/// until the next send or deadline, so a run costs no timers, no thread-pool hops per batch of
/// sends and no cross-thread wakeup per reply. Probes are told apart by sequence number (a slot
/// table of 65,536), replies matched by identifier (raw sockets; the kernel rewrites it on
/// datagram sockets) + sequence + source.
/// </summary>
internal sealed unsafe partial class PingEndpoint : IDisposable
{
    private readonly NativeSocket _socket;
    private readonly bool _v6;
    private readonly bool _raw;
    private readonly Lock _gate = new();
    private readonly List<PingBatch> _incoming = [];
    private readonly SocketWaiter _waiter;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _skipped;

    public PingEndpoint(IcmpSocketKind kind, bool v6, int ttl)
    {
        _v6 = v6;
        _raw = kind == IcmpSocketKind.Raw;
        Identifier = (ushort)Random.Shared.Next(1, 65536);
        _socket = IcmpSocketFactory.OpenIcmp(kind, v6, ttl);
        try
        {
            _waiter = new SocketWaiter();
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        _thread = new Thread(Run) { IsBackground = true, Name = $"ping-{(v6 ? 6 : 4)}" };
        _thread.Start();
    }

    public ushort Identifier { get; }

    /// <summary>Malformed, truncated or foreign packets skipped so far.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Why the endpoint's thread stopped, if it did.</summary>
    public string? Fault { get; private set; }

    /// <summary>Hands a run's batch to the thread; await its <see cref="PingBatch.Completion"/>.</summary>
    public void Submit(PingBatch batch)
    {
        batch.Begin();
        lock (_gate)
        {
            if (Fault is null && !_stopping)
            {
                _incoming.Add(batch);
                Wake();
                return;
            }
        }

        FailUnsent(batch, Fault ?? "ping endpoint closed");
    }

    /// <summary>Makes the thread look at its batches now (a new one, a cancelled one).</summary>
    public void Wake() => _waiter.Wake();

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
        }

        Wake();
        _thread.Join(TimeSpan.FromSeconds(5));
        _waiter.Dispose();
        _socket.Dispose();
    }

    /// <summary>Counts every probe not yet sent as sent and failed, then completes the batch.</summary>
    private static void FailUnsent(PingBatch batch, string reason)
    {
        var now = Stopwatch.GetTimestamp();
        for (; batch.Next < batch.Count; batch.Next++)
        {
            var probe = batch[batch.Next];
            probe.Settled = true;
            probe.Target.AddSent(now);
            probe.Target.AddSendError(reason);
        }

        batch.Complete();
    }
}
