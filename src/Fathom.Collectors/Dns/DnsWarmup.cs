using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Fathom.Core.Collectors;

namespace Fathom.Collectors.Dns;

/// <summary>
/// The dns collector's warm-up: its own target code asks its own question of a loopback responder,
/// once over UDP and once over TCP, so message building, parsing and both transports are ready.
/// </summary>
internal static class DnsWarmup
{
    // An A record for the question's name (a pointer to offset 12): TTL 60, 127.0.0.1.
    private static readonly byte[] Answer = [0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 1];

    /// <summary>Null when both exchanges succeeded, else what went wrong (for tests: a failed warm-up warms little).</summary>
    public static async Task<string?> RunAsync(DnsSettings settings, CollectContext context, CancellationToken cancellationToken)
    {
        if (settings.Servers.Any(s => !IPAddress.TryParse(s.Host, out _)))
        {
            // The resolver's first use loads its libraries and configuration.
            await new DnsServer("localhost", "localhost", DnsServer.DefaultPort).ResolveAsync(cancellationToken).ConfigureAwait(false);
        }

        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        tcp.Listen(1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var serving = Task.WhenAll(ServeUdpAsync(udp, stop.Token), ServeTcpAsync(tcp, stop.Token));
        try
        {
            var overUdp = await Target(context, settings, udp, tcpOnly: false).ProbeAsync(cancellationToken).ConfigureAwait(false);
            var overTcp = await Target(context, settings, tcp, tcpOnly: true).ProbeAsync(cancellationToken).ConfigureAwait(false);
            return overUdp.Error ?? overTcp.Error;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await serving.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    // A target of its own: its series keys are made, never emitted to.
    private static DnsTarget Target(CollectContext context, DnsSettings settings, Socket socket, bool tcpOnly)
    {
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return new DnsTarget(context, new DnsServer($"127.0.0.1:{port}", "127.0.0.1", port), settings with { TcpOnly = tcpOnly });
    }

    private static async Task ServeUdpAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[512];
        var from = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cancellationToken).ConfigureAwait(false);
        await socket.SendToAsync(Reply(buffer.AsSpan(0, from.ReceivedBytes)), SocketFlags.None, from.RemoteEndPoint, cancellationToken).ConfigureAwait(false);
    }

    private static async Task ServeTcpAsync(Socket listener, CancellationToken cancellationToken)
    {
        using var client = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
        await using var stream = new NetworkStream(client, ownsSocket: false);
        var prefix = new byte[2];
        await stream.ReadExactlyAsync(prefix, cancellationToken).ConfigureAwait(false);
        var query = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await stream.ReadExactlyAsync(query, cancellationToken).ConfigureAwait(false);
        var reply = Reply(query);
        var framed = new byte[reply.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)reply.Length);
        reply.CopyTo(framed, 2);
        await stream.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The query turned into a response (QR, RA, the query's RD) with one answer.</summary>
    private static byte[] Reply(ReadOnlySpan<byte> query)
    {
        var reply = new byte[query.Length + Answer.Length];
        query.CopyTo(reply);
        Answer.CopyTo(reply, query.Length);
        var flags = (ushort)(0x8080 | (BinaryPrimitives.ReadUInt16BigEndian(query[2..]) & 0x0100));
        BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(2), flags);
        BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(6), 1);
        return reply;
    }
}
