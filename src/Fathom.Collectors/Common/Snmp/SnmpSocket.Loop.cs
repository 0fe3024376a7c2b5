using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Fathom.Collectors.Net;
using Fathom.Core.Native;

namespace Fathom.Collectors.Common.Snmp;

internal sealed unsafe partial class SnmpSocket
{
    private void Run()
    {
        var received = new byte[65536];
        try
        {
            while (!_stopping)
            {
                var wake = Expire();
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
            Fault = e.Message;
            _client.LogFault(e.Message);
        }

        // Stopped or failed: no request may be left waiting.
        List<SnmpPending> left;
        lock (_gate)
        {
            _stopping = true;
            left = [.. _pending.Values];
            foreach (var pending in left)
            {
                RemoveLocked(pending);
            }
        }

        foreach (var pending in left)
        {
            pending.Settle(null, new SnmpException(SnmpErrorKind.Refused, $"no reply from {pending.EndPoint}: {Fault ?? "the SNMP client was closed"}"));
        }
    }

    /// <summary>Sends again what is due for another try, fails what has none left; returns when to look again.</summary>
    private long Expire()
    {
        List<(SnmpPending Pending, string Message)>? timedOut = null;
        List<(SnmpPending Pending, string Failure)>? failed = null;
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            while (_deadlines.TryPeek(out var entry, out var deadline) && deadline <= now)
            {
                _deadlines.Dequeue();
                var pending = entry.Pending;
                if (pending.Done || entry.Try != pending.Tries)
                {
                    continue;
                }

                if (pending.Tries <= pending.Agent.Retries)
                {
                    _client.Stats.CountRetry();
                    if (SendLocked(pending) is { } failure)
                    {
                        (failed ??= []).Add((pending, failure));
                    }

                    continue;
                }

                (timedOut ??= []).Add((pending, TimeoutMessage(pending)));
            }

            _nextWake = _deadlines.TryPeek(out _, out var next) ? next : long.MaxValue;
        }

        foreach (var (pending, message) in timedOut ?? [])
        {
            _client.Stats.CountTimeout();
            Finish(pending, null, new SnmpException(SnmpErrorKind.Timeout, message));
        }

        foreach (var (pending, failure) in failed ?? [])
        {
            Finish(pending, null, new SnmpException(SnmpErrorKind.Refused, $"cannot send to {pending.EndPoint}: {failure}"));
        }

        return _nextWake;
    }

    private string TimeoutMessage(SnmpPending pending)
    {
        var each = pending.Agent.Timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        var message = $"no reply from {pending.EndPoint} after {pending.Tries} {(pending.Tries == 1 ? "try" : "tries")} ({each} s each)";
        return _endpoints.TryGetValue(pending.EndPoint, out var state) && state.LastRejection is { } reason && state.LastRejectionTicks >= pending.StartTicks
            ? $"{message}; last rejected reply: {reason}"
            : message;
    }

    private void Drain(byte[] buffer, bool errorQueue)
    {
        Span<byte> source = stackalloc byte[SockAddr.MaxLength];
        // Bounded: a flood cannot starve the deadlines and the stop check.
        for (var i = 0; i < 1024 && !_stopping; i++)
        {
            var length = _socket.Receive(buffer, errorQueue, source, out var datagram);
            if (length < 0)
            {
                return;
            }

            var from = source[..datagram.SourceLength];
            if (datagram.Error is { } error)
            {
                OnError(buffer.AsSpan(0, length), from, error);
            }
            else if (datagram.Truncated)
            {
                Reject(new SnmpRejection(SnmpRejectReason.Oversized, length, ""), from, default);
            }
            else
            {
                OnPacket(buffer.AsSpan(0, length), from);
            }
        }
    }

    /// <summary>An ICMP error quoting one of our requests: that request fails now, as Refused.</summary>
    private void OnError(ReadOnlySpan<byte> quoted, ReadOnlySpan<byte> destination, ExtendedError error)
    {
        SnmpPending? pending = null;
        if (SnmpMessage.TryReadHeader(quoted, out var header, out _))
        {
            lock (_gate)
            {
                _pending.TryGetValue(header.RequestId, out pending);
            }
        }

        if (pending is null || !SameEndPoint(destination, pending))
        {
            return;
        }

        var reason = error.IsPortUnreachable ? "ICMP port unreachable (no agent listens there)" : error.Describe();
        _client.LogRefused(pending.EndPoint, reason);
        Finish(pending, null, new SnmpException(SnmpErrorKind.Refused, $"{pending.EndPoint} refused the request: {reason}"));
    }

    private void OnPacket(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> from)
    {
        if (!SnmpMessage.TryReadHeader(packet, out var header, out var rejection))
        {
            Reject(rejection, from, packet);
            return;
        }

        SnmpPending? pending;
        lock (_gate)
        {
            _pending.TryGetValue(header.RequestId, out pending);
        }

        if (pending is null)
        {
            Reject(new SnmpRejection(SnmpRejectReason.UnknownRequestId, header.RequestId, ""), from, packet);
            return;
        }

        if (!SameEndPoint(from, pending))
        {
            Reject(new SnmpRejection(SnmpRejectReason.WrongSource, header.RequestId, ""), from, packet);
            return;
        }

        var community = packet.Slice(header.CommunityOffset, header.CommunityLength);
        rejection = header.Version != SnmpMessage.Version2c ? new SnmpRejection(SnmpRejectReason.WrongVersion, 0, "")
            : !community.SequenceEqual(pending.Community) ? new SnmpRejection(SnmpRejectReason.WrongCommunity, header.CommunityOffset, "")
            : header.PduType == Ber.BerTag.Report ? new SnmpRejection(SnmpRejectReason.Report, 0, "")
            : header.PduType != Ber.BerTag.Response ? new SnmpRejection(SnmpRejectReason.WrongPduType, 0, "")
            : header.ErrorStatus is < 0 or > SnmpMessage.MaxErrorStatus ? new SnmpRejection(SnmpRejectReason.BadInteger, 0, "the error-status")
            : default;
        if (rejection.What is not null)
        {
            Reject(rejection, from, packet, header);
            return;
        }

        // The values keep slices of this copy: one allocation for all of a reply's strings.
        var copy = packet.ToArray();
        var varBinds = new List<SnmpVarBind>(pending.Oids.Count);
        if (!SnmpMessage.TryReadVarBinds(copy, header, varBinds, out rejection))
        {
            Reject(rejection, from, packet, header);
            return;
        }

        _client.Stats.CountReply();
        if (header.ErrorStatus != 0)
        {
            Finish(pending, null, new SnmpException(SnmpErrorKind.AgentError, AgentErrorMessage(pending, header), header.ErrorStatus, header.ErrorIndex));
            return;
        }

        if (Mismatch(pending, varBinds) is { } mismatch)
        {
            Finish(pending, null, new SnmpException(SnmpErrorKind.Malformed, $"agent {pending.EndPoint} answered {mismatch}"));
            return;
        }

        Finish(pending, new SnmpResponse(header.ErrorStatus, header.ErrorIndex, varBinds), null);
    }

    /// <summary>How a GET or GETNEXT reply does not match its request (RFC 3416: one varbind per requested, in order), or null.</summary>
    private static string? Mismatch(SnmpPending pending, List<SnmpVarBind> varBinds)
    {
        if (pending.PduType == Ber.BerTag.GetBulkRequest)
        {
            return null;
        }

        if (varBinds.Count != pending.Oids.Count)
        {
            return $"{varBinds.Count} varbinds to a request for {pending.Oids.Count}";
        }

        for (var i = 0; pending.PduType == Ber.BerTag.GetRequest && i < varBinds.Count; i++)
        {
            if (varBinds[i].Oid != pending.Oids[i])
            {
                return $"{varBinds[i].Oid} where {pending.Oids[i]} was asked for (varbind {i + 1})";
            }
        }

        return null;
    }

    private static string AgentErrorMessage(SnmpPending pending, in SnmpHeader header)
    {
        var name = SnmpErrorStatus.Name(header.ErrorStatus);
        return header.ErrorIndex >= 1 && header.ErrorIndex <= pending.Oids.Count
            ? $"agent {pending.EndPoint} error {name} at varbind {header.ErrorIndex} ({pending.Oids[header.ErrorIndex - 1]})"
            : $"agent {pending.EndPoint} error {name} (error-index {header.ErrorIndex})";
    }

    /// <summary>Counts the rejection, logs it (rate-limited) and notes it for the source's requests in flight.</summary>
    private void Reject(SnmpRejection rejection, ReadOnlySpan<byte> from, ReadOnlySpan<byte> packet, in SnmpHeader header = default)
    {
        _client.Stats.CountRejected(rejection.Reason);
        var source = SockAddr.Read(from);
        EndpointState? state = null;
        if (source is not null)
        {
            lock (_gate)
            {
                _endpoints.TryGetValue(source, out state);
            }
        }

        var log = _client.ShouldLogRejection();
        if (state is null && !log)
        {
            return;
        }

        var reason = Describe(rejection, packet, header);
        if (state is not null)
        {
            lock (_gate)
            {
                state.LastRejection = reason;
                state.LastRejectionTicks = Stopwatch.GetTimestamp();
            }
        }

        if (log)
        {
            _client.LogRejected(source?.ToString() ?? "?", reason);
        }
    }

    private static string Describe(SnmpRejection rejection, ReadOnlySpan<byte> packet, in SnmpHeader header) => rejection.Reason switch
    {
        SnmpRejectReason.WrongCommunity => $"wrong community '{Printable(packet.Slice(header.CommunityOffset, header.CommunityLength))}'",
        SnmpRejectReason.WrongVersion => $"wrong version {header.Version} (SNMPv2c is 1)",
        SnmpRejectReason.WrongPduType => $"not a Response-PDU (tag 0x{header.PduType:x2})",
        SnmpRejectReason.UnknownRequestId => $"unknown request-id {rejection.Offset} (late, duplicate or forged)",
        SnmpRejectReason.WrongSource => $"request-id {rejection.Offset} answered from the wrong address",
        _ => rejection.Describe(),
    };

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(Math.Min(bytes.Length, 64));
        foreach (var b in bytes[..Math.Min(bytes.Length, 64)])
        {
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : '?');
        }

        return bytes.Length > 64 ? text.Append('…').ToString() : text.ToString();
    }

    /// <summary>Same family, port and address (not the flow label or padding).</summary>
    private static bool SameEndPoint(ReadOnlySpan<byte> from, SnmpPending pending)
    {
        var expected = pending.SockAddr.AsSpan(0, pending.SockAddrLength);
        if (from.Length < 8 || expected.Length < 8 || !from[..4].SequenceEqual(expected[..4]))
        {
            return false;
        }

        return expected.Length == 16
            ? from.Slice(4, 4).SequenceEqual(expected.Slice(4, 4))
            : from.Length >= 24 && from.Slice(8, 16).SequenceEqual(expected.Slice(8, 16));
    }
}
