using System.Net;
using System.Text;
using Fathom.Lookup.Server.Hosting;
using Fathom.TestSupport;
using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Server.Tests.Support;

/// <summary>A lookup server in-process on real Kestrel, 127.0.0.1 port 0, its store in a temp folder, its clock fake unless asked otherwise.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly TempDir? _ownDir;
    private readonly StringWriter _log;

    private TestServer(LookupServer server, TimeProvider time, string store, TempDir? ownDir, StringWriter log)
    {
        _log = log;
        Server = server;
        Time = time;
        StorePath = store;
        _ownDir = ownDir;
        BaseAddress = new Uri(server.Addresses[0]);
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = Timeout };
    }

    public LookupServer Server { get; }

    /// <summary>What the server logged (debug and up).</summary>
    public string Log => _log.ToString();

    public TimeProvider Time { get; }

    public FakeTimeProvider Clock => (FakeTimeProvider)Time;

    public string StorePath { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public int Port => BaseAddress.Port;

    /// <summary>The records URL as perfSONAR's client takes it: http://127.0.0.1:PORT/lookup/records.</summary>
    public string RecordsUrl => new Uri(BaseAddress, "lookup/records").ToString();

    public static async Task<TestServer> StartAsync(TimeProvider? time = null, string? store = null, Func<LookupServerOptions, LookupServerOptions>? configure = null)
    {
        var dir = store is null ? new TempDir() : null;
        var path = store ?? dir!.File("lookup.db");
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 14, 0, 0, TimeSpan.Zero));
        var options = new LookupServerOptions { StorePath = path, Listen = new IPEndPoint(IPAddress.Loopback, 0) };
        options = configure?.Invoke(options) ?? options;
        var writer = new StringWriter();
        using var cts = new CancellationTokenSource(Timeout);
        var server = await LookupServer.StartAsync(options, new TextLoggerFactory(TextWriter.Synchronized(writer), time, LogLevel.Debug), time, cts.Token);
        return new TestServer(server, time, path, dir, writer);
    }

    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string? body = null, string? contentType = "application/json; charset=utf-8")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        using var cts = new CancellationTokenSource(Timeout);
        using var response = await Http.SendAsync(request, cts.Token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cts.Token));
    }

    public async Task<(HttpStatusCode Status, string Body)> SendBytesAsync(HttpMethod method, string path, byte[] body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        using var cts = new CancellationTokenSource(Timeout);
        using var response = await Http.SendAsync(request, cts.Token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cts.Token));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        _ownDir?.Dispose();
        await _log.DisposeAsync();
    }
}
