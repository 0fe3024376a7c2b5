using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fathom.InfluxPeer;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 that reads each request (headers and Content-Length body),
/// throws it away and answers 204: the client's own ceiling, measured without InfluxDB behind it.
/// </summary>
internal sealed class DiscardSink : IDisposable
{
    private static readonly byte[] Answer = Encoding.ASCII.GetBytes("HTTP/1.1 204 No Content\r\n\r\n");
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private long _bytes;
    private long _requests;

    public DiscardSink()
    {
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>Request bytes received (headers and bodies) and requests answered: proof that the payloads crossed the socket.</summary>
    public (long Bytes, long Requests) Received => (Interlocked.Read(ref _bytes), Interlocked.Read(ref _requests));

    public Uri Uri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        var buffer = new byte[1 << 20];
        var filled = 0;
        long bodyLeft = -1; // -1: reading headers
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token);
                if (n == 0)
                {
                    return;
                }

                filled += n;
                Interlocked.Add(ref _bytes, n);
                var at = 0;
                while (true)
                {
                    if (bodyLeft < 0)
                    {
                        var end = buffer.AsSpan(at, filled - at).IndexOf("\r\n\r\n"u8);
                        if (end < 0)
                        {
                            break;
                        }

                        bodyLeft = ContentLength(buffer.AsSpan(at, end));
                        at += end + 4;
                    }

                    var take = (int)Math.Min(bodyLeft, filled - at);
                    at += take;
                    bodyLeft -= take;
                    if (bodyLeft > 0)
                    {
                        break;
                    }

                    bodyLeft = -1;
                    Interlocked.Increment(ref _requests);
                    await socket.SendAsync(Answer, SocketFlags.None, _stop.Token);
                }

                // Keep what is left of an unfinished header at the front of the buffer.
                buffer.AsSpan(at, filled - at).CopyTo(buffer);
                filled -= at;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
        }
    }

    private static long ContentLength(ReadOnlySpan<byte> headers)
    {
        foreach (var line in Encoding.ASCII.GetString(headers).Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                return long.Parse(line.AsSpan(15).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
