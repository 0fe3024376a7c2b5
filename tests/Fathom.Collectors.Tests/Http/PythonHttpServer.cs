using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Fathom.Collectors.Tests.Support;

namespace Fathom.Collectors.Tests.Http;

/// <summary>
/// `python3 -m http.server` serving a folder on a free loopback port (port 0: the server picks
/// one and prints it); stopped by its pid on dispose.
/// </summary>
internal sealed partial class PythonHttpServer : IDisposable
{
    private readonly Process _process;

    private PythonHttpServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static Task<PythonHttpServer> StartAsync(string directory, string bind = "127.0.0.1") =>
        StartAsync(["-u", "-m", "http.server", "0", "--bind", bind, "--directory", directory]);

    /// <summary>A python3 script of the test's own that serves HTTP and prints http.server's "Serving ... port N" line.</summary>
    public static Task<PythonHttpServer> StartScriptAsync(string script) => StartAsync(["-u", script]);

    private static async Task<PythonHttpServer> StartAsync(string[] arguments)
    {
        var info = new ProcessStartInfo("python3", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginErrorReadLine();
        try
        {
            // "Serving HTTP on 127.0.0.1 port 43127 (http://127.0.0.1:43127/) ..."
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(Poll.Deadline)
                ?? throw new InvalidOperationException("python3 -m http.server ended before serving");
            var port = int.Parse(PortPattern().Match(line).Groups[1].Value, CultureInfo.InvariantCulture);
            return new PythonHttpServer(process, port);
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    public void Dispose() => Stop(_process);

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

    [GeneratedRegex(@" port (\d+) ")]
    private static partial Regex PortPattern();
}
