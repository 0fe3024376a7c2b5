using System.Net;
using System.Net.Sockets;
using Fathom.Lookup.Configuration;
using Fathom.Lookup.Hints;
using Fathom.Lookup.Tests.Support;
using Fathom.TestSupport;

namespace Fathom.Lookup.Tests.Hints;

/// <summary>Urls as given; hinted servers chosen from a real file and a real HTTP server, with real TCP listeners as the lookup servers.</summary>
public sealed class LookupServerSelectorTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly TempFolder _dir = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly ListLogger _logger = new();
    private readonly TcpListener _server = new(IPAddress.Loopback, 0);
    private readonly LookupServerSelector _selector;

    public LookupServerSelectorTests()
    {
        _server.Start();
        _selector = LookupServerSelector.Create(_http, TimeProvider.System, _logger, new ChooserOptions { ProbeTimeout = TimeSpan.FromSeconds(2) });
    }

    private Uri Listening => new($"http://127.0.0.1:{((IPEndPoint)_server.LocalEndpoint).Port}/lookup/records");

    public void Dispose()
    {
        _server.Stop();
        _http.Dispose();
        _dir.Dispose();
    }

    private string Hints(params (Uri Locator, string Status)[] hosts) =>
        "{\"hosts\":[" + string.Join(',', hosts.Select(h => $"{{\"locator\":\"{h.Locator}\",\"status\":\"{h.Status}\",\"priority\":1}}")) + "]}";

    [Fact]
    public async Task Select_Urls_AsGiven()
    {
        var urls = new[] { new Uri("http://a:1/lookup/records"), new Uri("http://b:1/lookup/records") };

        Assert.Equal(urls, await _selector.SelectAsync(new LookupSettings { Urls = urls }, CancellationToken.None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task Select_HintsFile_AnsweringAliveServer()
    {
        var file = _dir.File("activehosts.json", Hints((new Uri("http://127.0.0.1:1/lookup/records"), "alive"), (Listening, "alive"), (new Uri("http://192.0.2.9:8090/lookup/records"), "unreachable")));

        var chosen = await _selector.SelectAsync(new LookupSettings { HintsFile = file }, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal([Listening], chosen);
        Assert.Equal(Listening, _selector.Chooser.Current);
    }

    [Fact]
    public async Task Select_HintsUrlFailsLater_LastGoodListKept()
    {
        var settings = new LookupSettings { HintsUrl = new Uri("http://127.0.0.1:1/activehosts.json") };
        await using (var hints = new TinyHttpServer(200, Hints((Listening, "alive"))))
        {
            settings = settings with { HintsUrl = hints.Url("/activehosts.json") };
            Assert.Equal([Listening], await _selector.SelectAsync(settings, CancellationToken.None).WaitAsync(Timeout));
        }

        // The hints server is gone: the list it gave last stays in use, and the failure is logged.
        Assert.Equal([Listening], await _selector.SelectAsync(settings, CancellationToken.None).WaitAsync(Timeout));
        Assert.Contains(_logger.Entries, e => e.Message.Contains($"hints {settings.HintsUrl}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Select_BadHintsNeverLoaded_Empty()
    {
        var file = _dir.File("activehosts.json", "{\"hosts\":");

        Assert.Empty(await _selector.SelectAsync(new LookupSettings { HintsFile = file }, CancellationToken.None).WaitAsync(Timeout));
        Assert.Contains(_logger.Entries, e => e.Message.Contains($"hints {file}: not valid JSON", StringComparison.Ordinal));
    }
}
