using Fathom.Collectors.Tests.Support;

namespace Fathom.Collectors.Tests.Http;

/// <summary>The http collector against python3's http.server on 127.0.0.1 and ::1.</summary>
public sealed class HttpPythonTests : IDisposable
{
    private const string Page = "<html><body>all ok here</body></html>\n";
    private readonly TempDir _dir = new();

    public HttpPythonTests() => _dir.File("index.html", Page);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task CollectAsync_PythonServerIPv4_StatusLengthAndPhasesAddUp()
    {
        using var server = await PythonHttpServer.StartAsync(_dir.Path);
        var url = $"http://127.0.0.1:{server.Port}/index.html";
        var r = await HttpProbeRun.RunAsync(("url", url), ("expect_body", "all ok"));

        Assert.Equal(1, r.Value("http.success", "target", url));
        Assert.Equal(200, r.Value("http.status", "target", url));
        Assert.Equal(Page.Length, r.Value("http.content_length", "target", url));
        Assert.Equal(0, r.Value("http.redirects", "target", url));
        Assert.Empty(r.Sink.Samples("http.tls"));
        Assert.Empty(r.Sink.Samples("http.cert_expiry"));
        Assert.InRange(r.Value("http.connect"), 0.0001, 5000);
        Assert.InRange(r.Value("http.ttfb"), 0.0001, 5000);
        HttpProbeRun.AssertPhasesAddUp(r);
        Assert.InRange(r.Value("http.duration"), r.Value("http.total"), 5000);
        Assert.Empty(r.Sink.Events());
    }

    [Fact]
    public async Task CollectAsync_PythonServerIPv6_Success()
    {
        using var server = await PythonHttpServer.StartAsync(_dir.Path, "::1");
        var url = $"http://[::1]:{server.Port}/";
        var r = await HttpProbeRun.RunAsync(("url", url));

        Assert.Equal(1, r.Value("http.success", "target", url));
        Assert.Equal(200, r.Value("http.status"));
        Assert.Equal(Page.Length, r.Value("http.content_length"));
        HttpProbeRun.AssertPhasesAddUp(r);
    }

    [Fact]
    public async Task CollectAsync_MissingFile_StatusNotInDefaultRange()
    {
        using var server = await PythonHttpServer.StartAsync(_dir.Path);
        var url = $"http://127.0.0.1:{server.Port}/missing.html";
        var r = await HttpProbeRun.RunAsync(("url", url));

        Assert.Equal("status 404 not in 200-399", Tcp.TcpProbeRun.Failure(r, "http", url));
        Assert.Equal(404, r.Value("http.status"));
        HttpProbeRun.AssertPhasesAddUp(r);
    }

    [Fact]
    public async Task CollectAsync_MissingFileExpected404_Success()
    {
        using var server = await PythonHttpServer.StartAsync(_dir.Path);
        var url = $"http://127.0.0.1:{server.Port}/missing.html";
        var r = await HttpProbeRun.RunAsync(("url", url), ("expect_status", "404"), ("expect_status", "500-599"));

        Assert.Equal(1, r.Value("http.success"));
    }

    [Fact]
    public async Task CollectAsync_BodyDoesNotMatch_ReportedAsSuch()
    {
        using var server = await PythonHttpServer.StartAsync(_dir.Path);
        var url = $"http://127.0.0.1:{server.Port}/index.html";
        var r = await HttpProbeRun.RunAsync(("url", url), ("expect_body", "^ok$"));

        Assert.Equal("body does not match /^ok$/", Tcp.TcpProbeRun.Failure(r, "http", url));
        Assert.Equal(200, r.Value("http.status"));
    }

    [Fact]
    public async Task CollectAsync_DirectoryWithoutSlash_RedirectFollowed()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "sub"));
        _dir.File("sub/index.html", "sub page");
        using var server = await PythonHttpServer.StartAsync(_dir.Path);
        var url = $"http://127.0.0.1:{server.Port}/sub";
        var r = await HttpProbeRun.RunAsync(("url", url), ("expect_body", "^sub page$"));

        Assert.Equal(1, r.Value("http.success"));
        Assert.Equal(1, r.Value("http.redirects"));
        Assert.Equal(200, r.Value("http.status"));
    }
}
