using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Fathom.Collectors.Dns;

/// <summary>
/// One query to one server: over UDP, retried over TCP when the reply is truncated (or over TCP
/// only when asked). Replies with another id or question are ignored until the caller's token
/// fires. Throws <see cref="DnsProbeException"/> or <see cref="SocketException"/> on failure.
/// </summary>
internal sealed class DnsClient(DnsQuestion question, byte[] wireName, bool recursionDesired, TimeProvider time)
{
    private const int MaxUdpReply = 65535;

    public async Task<DnsExchange> QueryAsync(IPEndPoint server, bool tcpOnly, CancellationToken cancellationToken)
    {
        // Random ids (and the OS's random source port) make a spoofed reply hard to slip in.
        var id = (ushort)RandomNumberGenerator.GetInt32(0, 65536);
        var query = DnsQuery.Build(id, wireName, question.Type, recursionDesired);
        if (!tcpOnly)
        {
            var start = time.GetTimestamp();
            var udp = await UdpAsync(server, query, id, cancellationToken).ConfigureAwait(false);
            if (udp is not null)
            {
                return new DnsExchange(udp, false, time.GetElapsedTime(start));
            }
        }

        var tcpStart = time.GetTimestamp();
        var tcp = await TcpAsync(server, query, id, cancellationToken).ConfigureAwait(false);
        return new DnsExchange(tcp, true, time.GetElapsedTime(tcpStart));
    }

    /// <summary>The reply, or null when it was truncated (TC) and TCP must be used.</summary>
    private async Task<DnsMessage?> UdpAsync(IPEndPoint server, byte[] query, ushort id, CancellationToken cancellationToken)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        // Connected, so the kernel drops datagrams from other sources and reports ICMP port unreachable.
        await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        await socket.SendAsync(query, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        var buffer = new byte[MaxUdpReply];
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            var reply = Accept(buffer.AsMemory(0, n), id, "UDP", allowTruncated: true);
            if (reply.Ignored)
            {
                continue;
            }

            return reply.Message;
        }
    }

    private async Task<DnsMessage> TcpAsync(IPEndPoint server, byte[] query, ushort id, CancellationToken cancellationToken)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var framed = new byte[query.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
        query.CopyTo(framed, 2);
        await stream.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
        var prefix = new byte[2];
        while (true)
        {
            var got = await stream.ReadAtLeastAsync(prefix, 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (got < 2)
            {
                throw new DnsProbeException(got == 0 ? "TCP: the server closed the connection without answering" : "TCP: the connection closed inside the length prefix");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
            var message = new byte[length];
            got = await stream.ReadAtLeastAsync(message, length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (got < length)
            {
                throw new DnsProbeException($"TCP: the connection closed after {got} of the reply's {length} bytes");
            }

            var reply = Accept(message, id, "TCP", allowTruncated: false);
            if (!reply.Ignored)
            {
                return reply.Message!;
            }
        }
    }

    /// <summary>Decides what a received message means for this query.</summary>
    private (bool Ignored, DnsMessage? Message) Accept(ReadOnlyMemory<byte> bytes, ushort id, string transport, bool allowTruncated)
    {
        if (bytes.Length < 2 || BinaryPrimitives.ReadUInt16BigEndian(bytes.Span) != id)
        {
            return (true, null);
        }

        var parsed = DnsParser.Parse(bytes);
        if (parsed.Header is not { } header)
        {
            throw new DnsProbeException($"{transport} reply: {parsed.Error}");
        }

        // A query echoed back, or an answer to another question, is not our reply.
        if (!header.IsResponse || (parsed.Question is { } q && !q.Matches(question)))
        {
            return (true, null);
        }

        if (parsed.Question is null && header.QuestionCount > 0)
        {
            throw new DnsProbeException($"{transport} reply: {parsed.Error}");
        }

        if (header.Truncated && allowTruncated)
        {
            // The records of a truncated reply may be cut anywhere; only the header matters.
            return (false, null);
        }

        return parsed.Message is { } m ? (false, m) : throw new DnsProbeException($"{transport} reply: {parsed.Error}");
    }
}
