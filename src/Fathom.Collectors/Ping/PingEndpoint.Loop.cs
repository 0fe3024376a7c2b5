using System.Diagnostics;
using System.Runtime.InteropServices;
using Fathom.Collectors.Net;
using Fathom.Core.Native;

namespace Fathom.Collectors.Ping;

internal sealed unsafe partial class PingEndpoint
{
    // Touched only by the endpoint's thread.
    private readonly PingProbe?[] _slots = new PingProbe?[65536];
    private readonly List<PingBatch> _active = [];
    private readonly ProbeClock _clock = ProbeClock.System;
    private int _nextSequence;

    private void Run()
    {
        var packet = new byte[IcmpEcho.HeaderLength + PingSettings.MaxSize];
        var received = new byte[65536];
        try
        {
            while (!_stopping)
            {
                var wake = Service(packet);
                var events = _waiter.Wait(_socket.Fd, wake);
                if ((events & Libc.PollErr) != 0)
                {
                    Drain(received, errorQueue: true);
                }

                if ((events & Libc.PollIn) != 0)
                {
                    Drain(received, errorQueue: false);
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            lock (_gate)
            {
                Fault = e.Message;
            }
        }

        // Stopped or failed: no run may be left waiting.
        lock (_gate)
        {
            _active.AddRange(_incoming);
            _incoming.Clear();
        }

        foreach (var batch in _active)
        {
            Release(batch);
            FailUnsent(batch, Fault ?? "ping endpoint closed");
        }

        _active.Clear();
    }

    /// <summary>Takes new batches, sends what is due, completes what is over; returns when to look again.</summary>
    private long Service(byte[] packet)
    {
        lock (_gate)
        {
            if (_incoming.Count > 0)
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var batch in _incoming)
                {
                    batch.Origin = now;
                }

                _active.AddRange(_incoming);
                _incoming.Clear();
            }
        }

        var wake = long.MaxValue;
        for (var i = _active.Count - 1; i >= 0; i--)
        {
            var batch = _active[i];
            if (!batch.Cancelled)
            {
                SendDue(batch, packet);
            }

            if (batch.Cancelled || (batch.Next == batch.Count && (batch.Outstanding == 0 || Stopwatch.GetTimestamp() >= batch.Deadline)))
            {
                _active.RemoveAt(i);
                Release(batch);
                // A cancelled run reports what came back so far; what it did not send, it did not send.
                batch.Complete();
                continue;
            }

            wake = Math.Min(wake, batch.Next < batch.Count ? batch.DueOf(batch.Next) : batch.Deadline);
        }

        return wake;
    }

    private void SendDue(PingBatch batch, byte[] packet)
    {
        // Woken for the next probe due: it goes, with those due within one batch after it that may go early.
        var now = Stopwatch.GetTimestamp();
        while (batch.Next < batch.Count && batch.IsDue(batch.Next, now))
        {
            var probe = batch[batch.Next++];
            Send(probe, packet);
            if (batch.Next == batch.Count)
            {
                batch.Deadline = Stopwatch.GetTimestamp() + batch.TimeoutTicks;
            }
        }
    }

    private void Send(PingProbe probe, byte[] packet)
    {
        var target = probe.Target;
        var sequence = Claim(probe);
        if (sequence < 0)
        {
            probe.Settled = true;
            target.AddSent(Stopwatch.GetTimestamp());
            target.AddSendError("too many probes in flight");
            return;
        }

        var length = IcmpEcho.WriteRequest(packet, _v6, Identifier, (ushort)sequence, probe.Batch.PayloadLength);
        var sent = _clock.StampSend();
        var errno = _socket.SendTo(packet.AsSpan(0, length), target.SockAddr);
        probe.Sent = sent;
        target.AddSent(sent.Ticks);
        if (errno != 0)
        {
            probe.Settled = true;
            target.AddSendError($"send failed: {Libc.ErrorText(errno)}");
            return;
        }

        probe.Batch.Outstanding++;
    }

    private int Claim(PingProbe probe)
    {
        for (var attempt = 0; attempt < _slots.Length; attempt++)
        {
            var sequence = ++_nextSequence & 0xFFFF;
            if (_slots[sequence] is null)
            {
                _slots[sequence] = probe;
                probe.Sequence = (ushort)sequence;
                probe.InSlot = true;
                return sequence;
            }
        }

        return -1;
    }

    /// <summary>Frees the slots of a batch that is over: a late reply to it is then foreign.</summary>
    private void Release(PingBatch batch)
    {
        for (var i = 0; i < batch.Next; i++)
        {
            var probe = batch[i];
            if (probe.InSlot && ReferenceEquals(_slots[probe.Sequence], probe))
            {
                _slots[probe.Sequence] = null;
            }

            probe.InSlot = false;
        }
    }

    private void Drain(byte[] buffer, bool errorQueue)
    {
        Span<byte> source = stackalloc byte[SockAddr.MaxLength];
        // Bounded: a flood cannot starve the sends and the stop check.
        for (var i = 0; i < 1024 && !_stopping; i++)
        {
            var length = _socket.Receive(buffer, errorQueue, source, out var datagram);
            if (length < 0)
            {
                return;
            }

            OnPacket(buffer.AsSpan(0, length), source[..datagram.SourceLength], datagram);
        }
    }

    private void OnPacket(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> source, in RawDatagram datagram)
    {
        if (datagram.Error is { } error)
        {
            // The error queue returns our own request as quoted by the router, and its destination.
            if (error.IsIcmp && IcmpEcho.QuotedSequence(packet, _v6) is { } quoted
                && (!_raw || IcmpEcho.QuotedIdentifier(packet) == Identifier)
                && Match(quoted, source) is { } errored)
            {
                if (errored.Settled)
                {
                    return;
                }

                errored.Settled = true;
                errored.Batch.Outstanding--;
                errored.Target.AddError(error.Describe(), Stopwatch.GetTimestamp());
                return;
            }

            Interlocked.Increment(ref _skipped);
            return;
        }

        if (datagram.Truncated
            || IcmpEcho.TryParseReply(packet, _v6, withIpHeader: _raw && !_v6, out var identifier, out var sequence) != EchoParse.Reply
            || (_raw && identifier != Identifier)
            || Match(sequence, source) is not { } probe)
        {
            Interlocked.Increment(ref _skipped);
            return;
        }

        if (probe.Settled)
        {
            // A duplicate, or an answer to a probe already failed by an ICMP error.
            return;
        }

        probe.Settled = true;
        probe.Batch.Outstanding--;
        // Both ends on the kernel timestamps' clock; an impossible RTT is left out and counted, never clamped.
        var rtt = _clock.RoundTripMs(probe.Sent, datagram.ReceivedRealtimeNs);
        var arrived = rtt is { } ms ? probe.Sent.Ticks + MonotonicClock.TicksOfMs(ms) : _clock.MonotonicTicks();
        probe.Target.AddReply(rtt, probe.Batch.TimeoutMs, arrived);
    }

    /// <summary>The probe in flight with this sequence number to this source, if any.</summary>
    private PingProbe? Match(ushort sequence, ReadOnlySpan<byte> source) =>
        _slots[sequence] is { } probe && probe.Target.IsFrom(source) ? probe : null;
}
