using System.Net;
using System.Net.Sockets;

namespace Fathom.Collectors.Tests.Dns;

/// <summary>A UDP "server" on 127.0.0.1 that answers each query with whatever datagrams the test makes from it.</summary>
internal sealed class FakeDnsServer : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeDnsServer(Func<byte[], IEnumerable<byte[]>> respond)
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _loop = Task.Run(() => ServeAsync(respond));
    }

    public string Server => $"127.0.0.1:{((IPEndPoint)_socket.LocalEndPoint!).Port}";

    public int Queries { get; private set; }

    /// <summary>A reply to <paramref name="query"/>: its id (optionally changed), flags, counts, its question, then <paramref name="tail"/>.</summary>
    public static byte[] Reply(byte[] query, ushort flags = 0x8180, int an = 0, int idDelta = 0, string? otherQuestion = null, byte[]? tail = null)
    {
        var id = (ushort)(((query[0] << 8) | query[1]) + idDelta);
        var w = Wire.Response(id, flags, 1, (ushort)an);
        if (otherQuestion is null)
        {
            w.Bytes(query[12..]);
        }
        else
        {
            w.Question(otherQuestion);
        }

        return w.Bytes(tail ?? []).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ServeAsync(Func<byte[], IEnumerable<byte[]>> respond)
    {
        var buffer = new byte[4096];
        while (!_stop.IsCancellationRequested)
        {
            var got = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            Queries++;
            foreach (var reply in respond(buffer[..got.ReceivedBytes]))
            {
                await _socket.SendToAsync(reply, SocketFlags.None, got.RemoteEndPoint, _stop.Token);
            }
        }
    }
}
