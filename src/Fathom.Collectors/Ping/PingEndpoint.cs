using System.Buffers;
using System.Diagnostics;
using System.Net;
using Fathom.Collectors.Net;

namespace Fathom.Collectors.Ping;

/// <summary>
/// One ICMP socket of one address family and TTL, shared by every ping target of the process:
/// probes are told apart by sequence number (a slot table of 65,536), replies are matched by
/// identifier (raw sockets; the kernel rewrites it on datagram sockets) + sequence + source.
/// </summary>
internal sealed class PingEndpoint : IDisposable
{
    private readonly NativeSocket _socket;
    private readonly ReceiveLoop _loop;
    private readonly PingProbe?[] _slots = new PingProbe?[65536];
    private readonly bool _v6;
    private readonly bool _raw;
    private int _nextSequence;
    private long _skipped;

    public PingEndpoint(IcmpSocketKind kind, bool v6, int ttl)
    {
        _v6 = v6;
        _raw = kind == IcmpSocketKind.Raw;
        Identifier = (ushort)Random.Shared.Next(1, 65536);
        _socket = IcmpSocketFactory.OpenIcmp(kind, v6, ttl);
        _loop = new ReceiveLoop(_socket, OnPacket, e => Fault = e.Message, $"ping-rx-{(v6 ? 6 : 4)}");
    }

    public ushort Identifier { get; }

    /// <summary>Malformed, truncated or foreign packets skipped so far.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Why the receive loop stopped, if it did.</summary>
    public string? Fault { get; private set; }

    /// <summary>Sends an echo request for <paramref name="probe"/>; returns null or why it could not be sent.</summary>
    public string? Send(PingProbe probe, int payloadLength)
    {
        var sequence = Claim(probe);
        if (sequence < 0)
        {
            return "too many probes in flight";
        }

        var buffer = ArrayPool<byte>.Shared.Rent(IcmpEcho.HeaderLength + payloadLength);
        try
        {
            var length = IcmpEcho.WriteRequest(buffer, _v6, Identifier, (ushort)sequence, payloadLength);
            probe.SentTicks = Stopwatch.GetTimestamp();
            var errno = _socket.SendTo(buffer.AsSpan(0, length), probe.Address, 0);
            if (errno != 0)
            {
                Interlocked.CompareExchange(ref _slots[sequence], null, probe);
                return $"send failed: {Libc.ErrorText(errno)}";
            }

            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Frees the slot of a probe whose run is over (answered or not).</summary>
    public void Release(PingProbe probe) => Interlocked.CompareExchange(ref _slots[probe.Sequence], null, probe);

    private int Claim(PingProbe probe)
    {
        for (var attempt = 0; attempt < _slots.Length; attempt++)
        {
            var sequence = Interlocked.Increment(ref _nextSequence) & 0xFFFF;
            probe.Sequence = (ushort)sequence;
            if (Interlocked.CompareExchange(ref _slots[sequence], probe, null) is null)
            {
                return sequence;
            }
        }

        return -1;
    }

    private void OnPacket(ReadOnlySpan<byte> packet, in Datagram datagram)
    {
        if (datagram.Error is { } error)
        {
            // The error queue returns our own request as quoted by the router, and its destination.
            if (error.IsIcmp && IcmpEcho.QuotedSequence(packet, _v6) is { } quoted
                && Match(quoted, (!_raw || IcmpEcho.QuotedIdentifier(packet) == Identifier) ? datagram.Source?.Address : null) is { } errored)
            {
                errored.Error(error);
                return;
            }

            Interlocked.Increment(ref _skipped);
            return;
        }

        if (datagram.Truncated
            || IcmpEcho.TryParseReply(packet, _v6, withIpHeader: _raw && !_v6, out var identifier, out var sequence) != EchoParse.Reply
            || (_raw && identifier != Identifier)
            || Match(sequence, datagram.Source?.Address) is not { } probe)
        {
            Interlocked.Increment(ref _skipped);
            return;
        }

        probe.Reply(datagram.ReceivedTicks);
    }

    private PingProbe? Match(ushort sequence, IPAddress? source)
    {
        var probe = Volatile.Read(ref _slots[sequence]);
        return probe is not null && source is not null && probe.Address.Equals(source) ? probe : null;
    }

    public void Dispose()
    {
        _loop.Dispose();
        _socket.Dispose();
    }
}
