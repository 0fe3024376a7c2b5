using System.Buffers.Binary;
using System.Net;
using Fathom.Collectors.Net;
using Fathom.Core.Native;

namespace Fathom.Collectors.Trace;

/// <summary>
/// One address family's probe socket of a trace run: UDP (unprivileged: answers arrive on the
/// IP_RECVERR error queue) or ICMP echo (raw or datagram socket: errors on the error queue,
/// echo replies as data). The TTL is socket state, so sends are serialised.
/// </summary>
internal sealed class TraceSocket : IDisposable
{
    private const uint Magic = 0x46545243; // "FTRC": our UDP payloads.
    private readonly NativeSocket _socket;
    private readonly ReceiveLoop _loop;
    private readonly Lock _sendGate = new();
    private readonly bool _v6;
    private readonly bool _icmp;
    private readonly bool _raw;
    private readonly ushort _identifier = (ushort)Random.Shared.Next(1, 65536);
    private readonly Action<int, IPAddress?, Datagram, ExtendedError?> _onAnswer;

    /// <param name="v6">IPv6 rather than IPv4.</param>
    /// <param name="icmp">Probe with ICMP echo rather than UDP.</param>
    /// <param name="kind">The ICMP socket kind this host allows.</param>
    /// <param name="onAnswer">Called with the probe index, the original destination (or the echo source), arrival and the error if any.</param>
    public TraceSocket(bool v6, bool icmp, IcmpSocketKind kind, Action<int, IPAddress?, Datagram, ExtendedError?> onAnswer)
    {
        _v6 = v6;
        _icmp = icmp;
        _raw = icmp && kind == IcmpSocketKind.Raw;
        _onAnswer = onAnswer;
        _socket = icmp ? IcmpSocketFactory.OpenIcmp(kind, v6, 64) : IcmpSocketFactory.OpenUdp(v6);
        _loop = new ReceiveLoop(_socket, OnPacket, _ => { }, $"trace-rx-{(v6 ? 6 : 4)}");
    }

    /// <summary>Packets that were not answers to our probes.</summary>
    public long Skipped { get; private set; }

    /// <summary>Sends probe <paramref name="index"/> with <paramref name="ttl"/>; returns null or the send error.</summary>
    public string? Send(int index, IPAddress address, int ttl, out SendStamp sent)
    {
        Span<byte> packet = stackalloc byte[16];
        int length;
        if (_icmp)
        {
            length = IcmpEcho.WriteRequest(packet, _v6, _identifier, (ushort)index, 8);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(packet, Magic);
            BinaryPrimitives.WriteInt32BigEndian(packet[4..], index);
            length = 8;
        }

        lock (_sendGate)
        {
            IcmpSocketFactory.SetTtl(_socket, ttl);
            sent = ProbeClock.System.StampSend();
            var errno = _socket.SendTo(packet[..length], address, _icmp ? 0 : TraceSettings.BasePort + index);
            return errno == 0 ? null : $"send failed: {Libc.ErrorText(errno)}";
        }
    }

    private void OnPacket(ReadOnlySpan<byte> packet, in Datagram datagram)
    {
        int? index = null;
        if (datagram.Error is { IsIcmp: true } error)
        {
            // The error queue hands back our own packet (as quoted) and its original destination.
            if (_icmp)
            {
                index = IcmpEcho.QuotedSequence(packet, _v6) is { } seq && (!_raw || IcmpEcho.QuotedIdentifier(packet) == _identifier) ? seq : null;
            }
            else if (packet.Length >= 8 && BinaryPrimitives.ReadUInt32BigEndian(packet) == Magic)
            {
                index = BinaryPrimitives.ReadInt32BigEndian(packet[4..]);
            }

            if (index is { } i)
            {
                _onAnswer(i, datagram.Source?.Address, datagram, error);
                return;
            }
        }
        else if (_icmp && !datagram.Truncated
            && IcmpEcho.TryParseReply(packet, _v6, withIpHeader: _raw && !_v6, out var id, out var sequence) == EchoParse.Reply
            && (!_raw || id == _identifier))
        {
            _onAnswer(sequence, datagram.Source?.Address, datagram, null);
            return;
        }

        Skipped++;
    }

    public void Dispose()
    {
        _loop.Dispose();
        _socket.Dispose();
    }
}
