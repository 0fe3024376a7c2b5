using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Fathom.Collectors.Tests.Tcp;

/// <summary>
/// A TCP server on a free loopback port that runs a handler per connection, over TLS when given a
/// certificate. Disposing it stops the listener and every connection.
/// </summary>
internal sealed class LocalServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<Stream, CancellationToken, Task> _handler;
    private readonly X509Certificate2? _certificate;
    private readonly List<Task> _connections = [];
    private readonly Task _loop;
    private int _accepted;

    private LocalServer(IPAddress address, Func<Stream, CancellationToken, Task> handler, X509Certificate2? certificate)
    {
        _handler = handler;
        _certificate = certificate;
        _listener = new TcpListener(address, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = AcceptLoopAsync();
    }

    public int Port { get; }

    public int Accepted => Volatile.Read(ref _accepted);

    public static LocalServer Start(Func<Stream, CancellationToken, Task> handler, X509Certificate2? certificate = null, IPAddress? address = null) =>
        new(address ?? IPAddress.Loopback, handler, certificate);

    /// <summary>Accepts and holds each connection without a byte, until disposed.</summary>
    public static LocalServer Silent(IPAddress? address = null) =>
        Start(static (_, ct) => Task.Delay(Timeout.Infinite, ct), null, address);

    /// <summary>A port nothing listens on: bound, then released.</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] all;
        lock (_connections)
        {
            all = [_loop, .. _connections];
        }

        try
        {
            await Task.WhenAll(all).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // Handlers end by cancellation.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            lock (_connections)
            {
                _connections.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                Stream stream = client.GetStream();
                if (_certificate is not null)
                {
                    var ssl = new SslStream(stream);
                    stream = ssl;
                    await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token)
                        .WaitAsync(TimeSpan.FromSeconds(10), _stop.Token);
                }

                await using (stream)
                {
                    await _handler(stream, _stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or TimeoutException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
            {
                // A client that went away, a rejected handshake, or the server stopping.
            }
        }
    }
}
