using Fathom.Collectors.Tests.Tcp;

namespace Fathom.Collectors.Tests.Http;

/// <summary>Refused, unresolvable and silent peers: success 0 with a worded reason, phases reached still reported.</summary>
public sealed class HttpFailureTests
{
    [Fact]
    public async Task CollectAsync_RefusedPort_ConnectionRefused()
    {
        var url = $"http://127.0.0.1:{LocalServer.ClosedPort()}/";
        var r = await HttpProbeRun.RunAsync(("url", url));

        Assert.StartsWith("connection refused (127.0.0.1:", TcpProbeRun.Failure(r, "http", url), StringComparison.Ordinal);
        Assert.InRange(r.Value("http.resolve"), 0, 5000);
        Assert.Empty(r.Sink.Samples("http.connect"));
        Assert.Empty(r.Sink.Samples("http.status"));
        Assert.Equal(0, r.Value("http.redirects"));
    }

    [Fact]
    public async Task CollectAsync_UnresolvableName_CannotResolve()
    {
        var url = "http://no-such-host.invalid/";
        var r = await HttpProbeRun.RunAsync(("url", url));

        Assert.StartsWith("cannot resolve 'no-such-host.invalid'", TcpProbeRun.Failure(r, "http", url), StringComparison.Ordinal);
        Assert.Empty(r.Sink.Samples("http.resolve"));
    }

    [Fact]
    public async Task CollectAsync_ServerNeverAnswers_TimesOutWaitingForFirstByte()
    {
        await using var server = CraftedServer.Start(static (_, _, ct) => Task.Delay(Timeout.Infinite, ct));
        var url = $"http://127.0.0.1:{server.Port}/";
        // Long enough that a loaded machine still connects and writes well within it (0.3 s was not, under load).
        var r = await HttpProbeRun.RunAsync(("url", url), ("timeout", "1.5s"));

        Assert.Equal("timed out after 1.5 s (waiting for the first response byte)", TcpProbeRun.Failure(r, "http", url));
        Assert.InRange(r.Value("http.duration"), 1490, 6000);
        Assert.InRange(r.Value("http.write"), 0, 1500);
        Assert.Empty(r.Sink.Samples("http.ttfb"));
    }

    [Fact]
    public async Task CollectAsync_RunCancelled_FailureReportedNoException()
    {
        await using var server = CraftedServer.Start(static (_, _, ct) => Task.Delay(Timeout.Infinite, ct));
        var url = $"http://127.0.0.1:{server.Port}/";
        var collector = new Fathom.Collectors.Http.HttpCollector();
        collector.Init(Fathom.TestSupport.TestConfig.Collector("http", "/tmp", ("url", url)));
        var r = new Support.Runner(collector, TimeProvider.System);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await r.Collector.CollectAsync(r.Context, cts.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("cancelled by the run's timeout or shutdown (waiting for the first response byte)", TcpProbeRun.Failure(r, "http", url));
    }

    [Fact]
    public async Task CollectAsync_ServerStallsMidBody_TimesOutReadingTheResponse()
    {
        await using var server = CraftedServer.Start(static async (_, s, ct) =>
        {
            await CraftedServer.WriteAsync(s, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf", ct);
            await s.FlushAsync(ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var url = $"http://127.0.0.1:{server.Port}/";
        var r = await HttpProbeRun.RunAsync(("url", url), ("timeout", "300ms"));

        Assert.Equal("timed out after 0.3 s (reading the response)", TcpProbeRun.Failure(r, "http", url));
        Assert.Equal(200, r.Value("http.status"));
        Assert.InRange(r.Value("http.ttfb"), 0, 300);
    }
}
