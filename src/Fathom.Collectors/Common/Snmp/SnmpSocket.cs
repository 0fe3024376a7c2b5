using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using Fathom.Collectors.Net;
using Fathom.Core.Native;

namespace Fathom.Collectors.Common.Snmp;

/// <summary>
/// One UDP socket of one address family for every SNMP request of the process, and one thread
/// that receives every reply and keeps every deadline: it sleeps in ppoll until a datagram comes or
/// the earliest try runs out, so a thousand requests in flight cost no timer and no thread each.
/// Replies are matched by request-id (a table of those in flight), then source, version and community.
/// </summary>
internal sealed unsafe partial class SnmpSocket : IDisposable
{
    private readonly NativeSocket _socket;
    private readonly SnmpClient _client;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, SnmpPending> _pending = [];
    private readonly Dictionary<IPEndPoint, EndpointState> _endpoints = [];
    private readonly PriorityQueue<(SnmpPending Pending, int Try), long> _deadlines = new();
    private readonly SocketWaiter _waiter;
    private readonly Thread _thread;
    private long _nextWake = long.MaxValue;
    private volatile bool _stopping;

    public SnmpSocket(SnmpClient client, bool v6)
    {
        _client = client;
        _socket = NativeSocket.TryOpen(v6 ? Libc.AfInet6 : Libc.AfInet, Libc.SockDgram, Libc.IpProtoUdp, out var errno)
            ?? throw new IOException($"cannot open a UDP{(v6 ? "v6" : "")} socket for SNMP: {Libc.ErrorText(errno)}");
        try
        {
            // ICMP errors (port unreachable) about our requests come back on the error queue, quoting them.
            if (v6)
            {
                _socket.SetInt(Libc.IpProtoIpv6, Libc.Ipv6RecvErr, 1, "IPV6_RECVERR");
            }
            else
            {
                _socket.SetInt(Libc.IpProtoIp, Libc.IpRecvErr, 1, "IP_RECVERR");
            }

            _waiter = new SocketWaiter();
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        _thread = new Thread(Run) { IsBackground = true, Name = $"snmp-{(v6 ? 6 : 4)}" };
        _thread.Start();
    }

    /// <summary>Why the thread stopped, if it did.</summary>
    public string? Fault { get; private set; }

    /// <summary>Requests in flight (for tests).</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Registers and sends the first try; the pending's task completes from the thread (or a cancellation).</summary>
    public void Submit(SnmpPending pending)
    {
        string? failure;
        lock (_gate)
        {
            failure = _stopping ? Fault ?? "the SNMP client is closed" : _pending.ContainsKey(pending.RequestId) ? "request-id in use" : null;
            if (failure is not null)
            {
                pending.Done = true;
            }
            else
            {
                _pending.Add(pending.RequestId, pending);
                if (!_endpoints.TryGetValue(pending.EndPoint, out var state))
                {
                    state = new EndpointState();
                    _endpoints.Add(pending.EndPoint, state);
                }

                state.Pending++;
                pending.StartTicks = Stopwatch.GetTimestamp();
                failure = SendLocked(pending);
            }
        }

        if (failure is null)
        {
            return;
        }

        var error = new SnmpException(SnmpErrorKind.Refused, $"cannot send to {pending.EndPoint}: {failure}");
        if (pending.Done)
        {
            pending.Settle(null, error);
        }
        else
        {
            Finish(pending, null, error);
        }
    }

    /// <summary>Cancels a request still in flight.</summary>
    public void Cancel(SnmpPending pending, CancellationToken token)
    {
        lock (_gate)
        {
            if (!RemoveLocked(pending))
            {
                return;
            }
        }

        pending.Settle(null, null, token);
    }

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

    /// <summary>One more try: sent now, due back by a new deadline. Under the gate (the buffer is freed under it).</summary>
    private string? SendLocked(SnmpPending pending)
    {
        pending.Tries++;
        pending.Deadline = Stopwatch.GetTimestamp() + (long)(pending.Agent.Timeout.TotalSeconds * Stopwatch.Frequency);
        _deadlines.Enqueue((pending, pending.Tries), pending.Deadline);
        if (pending.Deadline < _nextWake)
        {
            _nextWake = pending.Deadline;
            Wake();
        }

        var errno = _socket.SendTo(pending.Buffer.AsSpan(pending.Start, pending.Length), pending.SockAddr.AsSpan(0, pending.SockAddrLength));
        // A full send buffer is a lost datagram like any other: the next try resends it.
        return errno is 0 or Libc.EAgain ? null : Libc.ErrorText(errno);
    }

    /// <summary>Takes the request out of the table; false when it was already settled.</summary>
    private bool RemoveLocked(SnmpPending pending)
    {
        if (pending.Done)
        {
            return false;
        }

        pending.Done = true;
        if (_pending.TryGetValue(pending.RequestId, out var current) && ReferenceEquals(current, pending))
        {
            _pending.Remove(pending.RequestId);
        }

        if (_endpoints.TryGetValue(pending.EndPoint, out var state) && --state.Pending <= 0)
        {
            _endpoints.Remove(pending.EndPoint);
        }

        return true;
    }

    private void Finish(SnmpPending pending, SnmpResponse? response, SnmpException? error)
    {
        lock (_gate)
        {
            if (!RemoveLocked(pending))
            {
                return;
            }
        }

        pending.Settle(response, error);
    }

    private void Wake() => _waiter.Wake();

    /// <summary>What the endpoints with requests in flight were last sent that we rejected.</summary>
    private sealed class EndpointState
    {
        public int Pending { get; set; }

        public string? LastRejection { get; set; }

        public long LastRejectionTicks { get; set; }
    }
}
