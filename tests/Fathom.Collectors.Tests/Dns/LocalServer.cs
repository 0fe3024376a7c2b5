using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Fathom.Collectors.Tests.Support;
using Fathom.Core.Processes;

namespace Fathom.Collectors.Tests.Dns;

/// <summary>
/// A server program (dnsmasq, iperf3) started by a test on 127.0.0.1 and a free port, ready once
/// it listens on that TCP port, stopped by its pid (never by name).
/// </summary>
internal sealed class LocalServer : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly ChildProcess _child;
    private readonly Task<string> _stderr;

    private LocalServer(ChildProcess child, int port)
    {
        _child = child;
        Port = port;
        _stderr = Task.Run(() => new StreamReader(child.StandardError!).ReadToEndAsync());
    }

    public int Port { get; }

    public int Pid => _child.Pid;

    /// <summary>Starts <paramref name="program"/> (looked up on PATH) with the arguments made for a free port.</summary>
    public static async Task<LocalServer> StartAsync(string program, Func<int, IReadOnlyList<string>> arguments)
    {
        var path = ExecutableSearch.Find(program)
            ?? throw new InvalidOperationException($"{program} is not installed (apt-get install -y {(program == "dnsmasq" ? "dnsmasq-base" : program)})");
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var child = ChildProcess.Start(new SpawnOptions
            {
                Executable = path,
                Arguments = [program, .. arguments(port)],
                StandardError = StdioMode.Pipe,
            });
            var server = new LocalServer(child, port);
            if (await Poll.UntilAsync(() => IsListening(port) || child.Exited.IsCompleted, Wait) && !child.Exited.IsCompleted)
            {
                return server;
            }

            // Another test may have taken the port between our check and the server's bind: try another.
            var stderr = await server.StopAsync();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"{program} did not start listening on port {port}: {stderr}");
            }
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>SIGTERM, SIGKILL if it lingers; returns what it wrote to stderr.</summary>
    public async Task<string> StopAsync()
    {
        _child.Signal(Signals.SIGTERM);
        try
        {
            await _child.Exited.WaitAsync(Wait);
        }
        catch (TimeoutException)
        {
            _child.Signal(Signals.SIGKILL);
            await _child.Exited.WaitAsync(Wait);
        }

        var stderr = await _stderr.WaitAsync(Wait);
        _child.Dispose();
        return stderr;
    }

    /// <summary>A port free for both TCP and UDP on 127.0.0.1 right now.</summary>
    public static int FreePort()
    {
        while (true)
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken for UDP: pick another.
            }
        }
    }

    /// <summary>Whether some socket listens on TCP <paramref name="port"/> (read from /proc, so no connection is made).</summary>
    public static bool IsListening(int port)
    {
        var hex = port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 3 && fields[1].EndsWith(":" + hex, StringComparison.Ordinal) && fields[3] == "0A")
                {
                    return true;
                }
            }
        }

        return false;
    }
}
