using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Fathom.IntegrationTests;

/// <summary>
/// A real server (python3's http.server, dnsmasq) started by a test on 127.0.0.1, ready once it
/// listens; stopped by its pid on dispose.
/// </summary>
internal sealed partial class LoopbackPeer : IDisposable
{
    private readonly Process _process;

    private LoopbackPeer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>`python3 -m http.server 0` serving <paramref name="directory"/>; the port is the one it prints.</summary>
    public static async Task<LoopbackPeer> HttpServerAsync(string directory)
    {
        var process = Start("python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", directory);
        try
        {
            // "Serving HTTP on 127.0.0.1 port 43127 (http://127.0.0.1:43127/) ..."
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15))
                ?? throw new InvalidOperationException("python3 -m http.server ended before serving");
            return new LoopbackPeer(process, int.Parse(PortPattern().Match(line).Groups[1].Value, CultureInfo.InvariantCulture));
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    /// <summary>dnsmasq answering a.test with 198.18.0.1 (and nothing from outside) on a free port.</summary>
    public static async Task<LoopbackPeer> DnsmasqAsync()
    {
        var port = FreePort();
        var process = Start(
            "dnsmasq", "--no-daemon", "--no-resolv", "--no-hosts", $"--port={port}", "--listen-address=127.0.0.1",
            "--bind-interfaces", "--local=/test/", "--address=/a.test/198.18.0.1");
        var peer = new LoopbackPeer(process, port);
        try
        {
            await Wait.UntilAsync(() => IsListening(port) || process.HasExited, TimeSpan.FromSeconds(15), $"dnsmasq listening on port {port}");
            return process.HasExited ? throw new InvalidOperationException($"dnsmasq exited: {process.StandardError.ReadToEnd()}") : peer;
        }
        catch
        {
            peer.Dispose();
            throw;
        }
    }

    public void Dispose() => Stop(_process);

    private static Process Start(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
    }

    private static void Stop(Process process)
    {
        using (process)
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(10_000);
            }
        }
    }

    /// <summary>A port free for both TCP and UDP on 127.0.0.1 right now.</summary>
    private static int FreePort()
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

    private static bool IsListening(int port)
    {
        var hex = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        return File.ReadLines("/proc/net/tcp").Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(f => f.Length > 3 && f[1].EndsWith(hex, StringComparison.Ordinal) && f[3] == "0A");
    }

    [GeneratedRegex(@" port (\d+) ")]
    private static partial Regex PortPattern();
}
