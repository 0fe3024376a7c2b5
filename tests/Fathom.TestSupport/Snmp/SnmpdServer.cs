using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fathom.TestSupport.Snmp;

/// <summary>
/// A private net-snmp agent for tests: a config of our own (<c>-C</c>: no system config files)
/// with <c>agentAddress udp:127.0.0.1:PORT</c> on a free port and <c>rocommunity public 127.0.0.1</c>,
/// run in the foreground (<c>-f -Lo</c>) with its persistent state in a temporary folder (not
/// /var/lib/snmp), ready once it answers a GET, stopped by its pid on dispose.
/// </summary>
public sealed class SnmpdServer : IAsyncDisposable, IDisposable
{
    public const string Binary = "/usr/sbin/snmpd";
    public const string DefaultCommunity = "public";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly StringBuilder _log;
    private int _disposed;

    private SnmpdServer(string folder, int port, Process process, StringBuilder log)
    {
        Folder = folder;
        Port = port;
        _process = process;
        _log = log;
    }

    public string Folder { get; }

    public int Port { get; }

    public string Community => DefaultCommunity;

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public int Pid => _process.Id;

    /// <summary>What snmpd printed so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts snmpd on a free loopback port; <paramref name="extraConfig"/> lines are appended to its config.</summary>
    public static async Task<SnmpdServer> StartAsync(params string[] extraConfig)
    {
        // A free port found by binding port 0 may be taken before snmpd binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(FreeUdpPort(), extraConfig);
            try
            {
                await server.WaitUntilAnsweringAsync().ConfigureAwait(false);
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3 && server._process.HasExited)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private static SnmpdServer Launch(int port, string[] extraConfig)
    {
        var folder = Directory.CreateTempSubdirectory("fathom-snmpd-").FullName;
        var config = Path.Combine(folder, "snmpd.conf");
        File.WriteAllLines(config, [$"agentAddress udp:127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "rocommunity public 127.0.0.1", .. extraConfig]);
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-f", "-Lo", "-C", "-c", config, "-p", Path.Combine(folder, "snmpd.pid")])
        {
            start.ArgumentList.Add(arg);
        }

        // Persistent state (engine boots, cert indexes) in our folder: parallel agents must not share /var/lib/snmp.
        start.Environment["SNMP_PERSISTENT_DIR"] = Path.Combine(folder, "state");
        start.Environment["MIBDIRS"] = Path.Combine(folder, "mibs");
        start.Environment["MIBS"] = "";
        Directory.CreateDirectory(Path.Combine(folder, "mibs"));
        var log = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SnmpdServer(folder, port, process, log);
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"snmpd exited {_process.ExitCode} on port {Port}: {Log}");
            }

            try
            {
                await SnmpTools.RunAsync("snmpget", Port, Community, ["-t", "0.3", "-r", "0"], ["1.3.6.1.2.1.1.3.0"]).ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException) when (deadline.Elapsed < StartTimeout)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>SIGTERM by pid, waiting for it to exit (SIGKILL after 10 s), then removes the folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
                {
                    await kill.WaitForExitAsync().WaitAsync(StartTimeout).ConfigureAwait(false);
                }

                using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill();
                }
            }
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp folder left behind is harmless.
            }
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
