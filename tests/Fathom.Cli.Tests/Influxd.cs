using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Fathom.Cli.Tests;

/// <summary>A real InfluxDB 1.x server (Debian package influxdb) on 127.0.0.1 with its data in a temp folder.</summary>
internal sealed class Influxd : IDisposable
{
    private const string Binary = "/usr/bin/influxd";

    private readonly Process _process;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output;

    private Influxd(Process process, Uri address, System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        _process = process;
        Address = address;
        _output = output;
    }

    public Uri Address { get; }

    public static async Task<Influxd> StartAsync(string folder)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install the Debian package influxdb");
        }

        // The HTTP port is found free, then released: between the two another listener (influxd's
        // own RPC one, bound to port 0, among them) may take it, and influxd exits. Try again on a
        // new port; a real failure repeats and is reported with influxd's own words.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(folder);
            }
            catch (InfluxdExitedException) when (attempt < 3)
            {
            }
        }
    }

    private static async Task<Influxd> StartOnceAsync(string folder)
    {
        var port = FreePort();
        var config = Path.Combine(folder, "influxd.conf");
        await File.WriteAllTextAsync(config, $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:0"
            [meta]
              dir = "{folder}/meta"
            [data]
              dir = "{folder}/data"
              wal-dir = "{folder}/wal"
              query-log-enabled = false
            [monitor]
              store-enabled = false
            [http]
              bind-address = "127.0.0.1:{port}"
              log-enabled = false
            [continuous_queries]
              enabled = false
            """);
        var start = new ProcessStartInfo(Binary, ["-config", config]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("influxd did not start");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) { output.Enqueue(line); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { output.Enqueue(line); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new Influxd(process, new Uri($"http://127.0.0.1:{port}/"), output);
        try
        {
            await server.WaitUntilReadyAsync();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // the output's last lines
                throw new InfluxdExitedException($"influxd exited with {_process.ExitCode} while starting: {string.Join(" | ", _output.TakeLast(5))}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Address, "ping"));
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("influxd did not answer /ping within 30 s");
    }
}
