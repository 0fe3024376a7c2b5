using Fathom.Lookup.Configuration;
using Fathom.Lookup.Hints;
using Fathom.Lookup.Tests.Support;
using Fathom.TestSupport;
using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Tests.Hints;

/// <summary>Hints loaded at run time from a real HTTP server on 127.0.0.1 and from files; failures logged naming the URL or file.</summary>
public sealed class HintsLoaderTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private const string Good = """{"hosts":[{"locator":"http://ls.example.net:8090/lookup/records","status":"alive","priority":1}]}""";
    private readonly TempFolder _dir = new();
    private readonly ListLogger _logger = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public void Dispose()
    {
        _http.Dispose();
        _dir.Dispose();
    }

    private Task<IReadOnlyList<HintHost>?> Load(LookupSettings settings) => new HintsLoader(_http, _logger).LoadAsync(settings, CancellationToken.None).WaitAsync(Timeout);

    [Fact]
    public async Task Load_Url_Hosts()
    {
        await using var server = new TinyHttpServer(200, Good);

        var hosts = await Load(new LookupSettings { HintsUrl = server.Url("/activehosts.json") });

        Assert.Equal(new Uri("http://ls.example.net:8090/lookup/records"), Assert.Single(hosts!).Locator);
        Assert.Empty(_logger.Entries);
    }

    [Theory]
    [InlineData(200, "{not json", "not valid JSON")]
    [InlineData(200, "{\"hosts\":[{\"status\":\"alive\"}]}", "hosts[0]: 'locator' must be a string")]
    [InlineData(404, "gone", "the server answered 404")]
    public async Task Load_BadUrl_NullAndLoggedNamingUrl(int status, string body, string says)
    {
        await using var server = new TinyHttpServer(status, body);
        var url = server.Url("/activehosts.json");

        Assert.Null(await Load(new LookupSettings { HintsUrl = url }));

        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains($"hints {url}", entry.Message, StringComparison.Ordinal);
        Assert.Contains(says, entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_UrlNotAnswering_NullAndLogged()
    {
        var url = new Uri("http://127.0.0.1:1/activehosts.json");

        Assert.Null(await Load(new LookupSettings { HintsUrl = url }));

        Assert.Contains($"hints {url}", Assert.Single(_logger.Entries).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_File_HostsAndBadFileLogged()
    {
        var file = _dir.File("activehosts.json", Good);
        Assert.Single((await Load(new LookupSettings { HintsFile = file }))!);

        File.WriteAllText(file, "[]");
        Assert.Null(await Load(new LookupSettings { HintsFile = file }));
        Assert.Contains($"hints {file}", Assert.Single(_logger.Entries).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_NoHints_Null()
    {
        Assert.Null(await Load(new LookupSettings { Urls = [new Uri("http://ls:8090/lookup/records")] }));
        Assert.Empty(_logger.Entries);
    }
}
