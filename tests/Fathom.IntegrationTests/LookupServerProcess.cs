using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Fathom.IntegrationTests;

/// <summary>The real <c>fathom lookup-server</c> on a fixed free loopback port (so a restart keeps its URL), its store in a test folder.</summary>
internal sealed class LookupServerProcess : IDisposable
{
    private LookupServerProcess(DaemonProcess process, int port, string store)
    {
        Process = process;
        Port = port;
        Store = store;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public DaemonProcess Process { get; }

    public int Port { get; }

    public string Store { get; }

    public HttpClient Http { get; }

    /// <summary>What a daemon's &lt;lookup&gt; url names.</summary>
    public string RecordsUrl => $"http://127.0.0.1:{Port}/lookup/records";

    public static async Task<LookupServerProcess> StartAsync(string store, int? port = null)
    {
        var p = port ?? FreePort();
        var process = DaemonProcess.Start(["lookup-server", "--listen", $"127.0.0.1:{p}", "--store", store], binary: Binaries.Fathom);
        await process.WaitForOutputAsync("lookup server listening on ");
        return new LookupServerProcess(process, p, store);
    }

    /// <summary>A loopback port free now (the listener is closed before it is handed out).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The uris registered with <paramref name="clientUuid"/>, sorted.</summary>
    public async Task<List<string>> UrisOfAsync(string clientUuid)
    {
        using var response = await Http.GetAsync(new Uri($"lookup/records/?client-uuid={clientUuid}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.EnumerateArray().Select(r => r.GetProperty("uri").GetString()!).Order(StringComparer.Ordinal)];
    }

    /// <summary>Stops it with SIGTERM, within 15 s.</summary>
    public async Task StopAsync()
    {
        Process.Signal(Sig.Term);
        Assert.Equal(0, await Process.WaitForExitAsync(TimeSpan.FromSeconds(15)));
    }

    public void Dispose()
    {
        Http.Dispose();
        Process.Dispose();
    }
}
