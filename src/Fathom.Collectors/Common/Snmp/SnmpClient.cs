using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Fathom.Collectors.Common.Snmp.Ber;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Collectors.Common.Snmp;

/// <summary>
/// An SNMPv2c client. <see cref="Shared"/> is the process's: one UDP socket per address family
/// and one thread receiving for every request of every collector (<see cref="SnmpSocket"/>), so
/// polling a thousand agents costs no thread or timer each. Requests never throw anything but
/// <see cref="SnmpException"/> (and <see cref="OperationCanceledException"/> when cancelled).
/// </summary>
public sealed partial class SnmpClient : IDisposable
{
    private static readonly TimeSpan RejectionLogInterval = TimeSpan.FromSeconds(10);
    private static readonly Lazy<SnmpClient> SharedClient = new(() => new SnmpClient());
    private readonly Lock _gate = new();
    private SnmpSocket? _v4;
    private SnmpSocket? _v6;
    private int _nextRequestId = Random.Shared.Next(1, int.MaxValue);
    private ILogger _logger;
    private long _nextRejectionLog;
    private long _unloggedRejections;
    private bool _disposed;

    internal SnmpClient(ILogger? logger = null) => _logger = logger ?? NullLogger.Instance;

    /// <summary>The process-wide client (created on first use, never disposed).</summary>
    public static SnmpClient Shared => SharedClient.Value;

    public SnmpClientStats Stats { get; } = new();

    /// <summary>
    /// Where the client logs rejected replies (rate-limited) and socket faults. The first logger
    /// given is kept: every SNMP collector offers its own on each run, and one is enough.
    /// </summary>
    public void UseLogger(ILogger logger) => Interlocked.CompareExchange(ref _logger, logger, NullLogger.Instance);

    /// <summary>GET: the values of exactly these OIDs (noSuchObject / noSuchInstance where the agent has none).</summary>
    public Task<SnmpResponse> GetAsync(SnmpAgent agent, IReadOnlyList<Oid> oids, CancellationToken ct) =>
        SendAsync(agent, BerTag.GetRequest, 0, 0, oids, ct);

    /// <summary>GETNEXT: for each OID, the next one the agent has and its value (or endOfMibView).</summary>
    public Task<SnmpResponse> GetNextAsync(SnmpAgent agent, IReadOnlyList<Oid> oids, CancellationToken ct) =>
        SendAsync(agent, BerTag.GetNextRequest, 0, 0, oids, ct);

    /// <summary>GETBULK: GETNEXT once for the first <paramref name="nonRepeaters"/> OIDs, up to <paramref name="maxRepetitions"/> times for the rest.</summary>
    public Task<SnmpResponse> GetBulkAsync(SnmpAgent agent, int nonRepeaters, int maxRepetitions, IReadOnlyList<Oid> oids, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nonRepeaters);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRepetitions);
        return SendAsync(agent, BerTag.GetBulkRequest, nonRepeaters, maxRepetitions, oids, ct);
    }

    /// <summary>
    /// Every OID under <paramref name="root"/> with its value, by GETBULK, until the subtree ends or
    /// endOfMibView. An agent that does not move forward is an <see cref="SnmpException"/> (Malformed).
    /// </summary>
    public async Task<IReadOnlyList<SnmpVarBind>> WalkAsync(SnmpAgent agent, Oid root, int maxRepetitions, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRepetitions, 1);
        var result = new List<SnmpVarBind>();
        var last = root;
        Oid[] next = [root];
        while (true)
        {
            var response = await GetBulkAsync(agent, 0, maxRepetitions, next, ct).ConfigureAwait(false);
            if (response.VarBinds.Count == 0)
            {
                return result;
            }

            foreach (var varBind in response.VarBinds)
            {
                if (varBind.Value.IsException || !varBind.Oid.StartsWith(root))
                {
                    return result;
                }

                if (varBind.Oid <= last)
                {
                    throw new SnmpException(SnmpErrorKind.Malformed, $"agent {agent.EndPoint} walking {root} went backwards: {varBind.Oid} after {last}");
                }

                result.Add(varBind);
                last = varBind.Oid;
            }

            next[0] = last;
        }
    }

    private async Task<SnmpResponse> SendAsync(SnmpAgent agent, byte pduType, int field2, int field3, IReadOnlyList<Oid> oids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(oids);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(agent.Timeout, TimeSpan.Zero, nameof(agent));
        ArgumentOutOfRangeException.ThrowIfNegative(agent.Retries, nameof(agent));
        ct.ThrowIfCancellationRequested();
        foreach (var oid in oids)
        {
            if (Oid.Validate(oid.Arcs) is { } error)
            {
                throw new ArgumentException($"OID '{oid}': {error}", nameof(oids));
            }
        }

        var endPoint = agent.EndPoint.Address.IsIPv4MappedToIPv6
            ? new IPEndPoint(agent.EndPoint.Address.MapToIPv4(), agent.EndPoint.Port)
            : agent.EndPoint;
        var socket = SocketFor(endPoint.AddressFamily == AddressFamily.InterNetworkV6);
        var community = Encoding.UTF8.GetBytes(agent.Community);
        var pending = new SnmpPending(agent, endPoint, community, NextRequestId(), pduType, oids);
        pending.SockAddrLength = Net.SockAddr.Write(pending.SockAddr, endPoint.Address, endPoint.Port);
        var buffer = ArrayPool<byte>.Shared.Rent(SnmpMessage.MaxLength(community.Length, oids));
        pending.Buffer = buffer;
        pending.Start = SnmpMessage.WriteRequest(buffer, pduType, pending.RequestId, field2, field3, community, oids);
        pending.Length = buffer.Length - pending.Start;
        Stats.CountRequest();
        socket.Submit(pending);
        if (ct.CanBeCanceled)
        {
            // Registered once in the table, so a cancellation always finds what to remove.
            pending.Registration = ct.UnsafeRegister(static (state, token) =>
            {
                var (socket, pending) = ((SnmpSocket, SnmpPending))state!;
                socket.Cancel(pending, token);
            }, (socket, pending));
            if (pending.Task.IsCompleted)
            {
                pending.Registration.Dispose();
            }
        }

        return await pending.Task.ConfigureAwait(false);
    }

    private int NextRequestId()
    {
        // 31 bits, never 0: ids stay positive (the minimal encoding is at most 4 bytes).
        var id = Interlocked.Increment(ref _nextRequestId) & int.MaxValue;
        return id == 0 ? NextRequestId() : id;
    }

    private SnmpSocket SocketFor(bool v6)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                return v6 ? _v6 ??= new SnmpSocket(this, v6: true) : _v4 ??= new SnmpSocket(this, v6: false);
            }
            catch (IOException e)
            {
                throw new SnmpException(SnmpErrorKind.Refused, e.Message);
            }
        }
    }

    /// <summary>Requests in flight on both sockets (for tests).</summary>
    internal int PendingCount => (_v4?.PendingCount ?? 0) + (_v6?.PendingCount ?? 0);

    /// <summary>True at most once per <see cref="RejectionLogInterval"/>: a flood of junk is counted, not logged line by line.</summary>
    internal bool ShouldLogRejection()
    {
        var now = Stopwatch.GetTimestamp();
        if (now < Interlocked.Read(ref _nextRejectionLog))
        {
            Interlocked.Increment(ref _unloggedRejections);
            return false;
        }

        Interlocked.Exchange(ref _nextRejectionLog, now + (long)(RejectionLogInterval.TotalSeconds * Stopwatch.Frequency));
        return true;
    }

    internal void LogRejected(string source, string reason) =>
        Log.Rejected(_logger, source, reason, Interlocked.Exchange(ref _unloggedRejections, 0));

    internal void LogRefused(IPEndPoint endPoint, string reason) => Log.Refused(_logger, endPoint.ToString(), reason);

    internal void LogFault(string reason) => Log.Fault(_logger, reason);

    public void Dispose()
    {
        SnmpSocket? v4, v6;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            (v4, v6) = (_v4, _v6);
        }

        v4?.Dispose();
        v6?.Dispose();
    }
}
