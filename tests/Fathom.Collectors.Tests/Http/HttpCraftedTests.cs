using System.Text;
using Fathom.Collectors.Tests.Tcp;

namespace Fathom.Collectors.Tests.Http;

/// <summary>The http collector against a hand-rolled server: slow first byte, chunked bodies, redirects, large bodies.</summary>
public sealed class HttpCraftedTests
{
    [Fact]
    public async Task CollectAsync_SlowFirstByte_TtfbHoldsTheDelay()
    {
        await using var server = CraftedServer.Start(async (_, s, ct) =>
        {
            await Task.Delay(300, ct);
            await CraftedServer.WriteAsync(s, CraftedServer.Ok("late"), ct);
        });
        var r = await HttpProbeRun.RunAsync(("url", $"http://127.0.0.1:{server.Port}/"));

        Assert.Equal(1, r.Value("http.success"));
        Assert.InRange(r.Value("http.ttfb"), 290, 5000);
        Assert.InRange(r.Value("http.transfer"), 0, 250);
        Assert.InRange(r.Value("http.connect"), 0, 250);
        HttpProbeRun.AssertPhasesAddUp(r);
    }

    [Fact]
    public async Task CollectAsync_SlowBody_TransferHoldsTheDelay()
    {
        await using var server = CraftedServer.Start(async (_, s, ct) =>
        {
            await CraftedServer.WriteAsync(s, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello", ct);
            await s.FlushAsync(ct);
            await Task.Delay(300, ct);
            await CraftedServer.WriteAsync(s, "world", ct);
        });
        var r = await HttpProbeRun.RunAsync(("url", $"http://127.0.0.1:{server.Port}/"), ("expect_body", "^helloworld$"));

        Assert.Equal(1, r.Value("http.success"));
        Assert.InRange(r.Value("http.transfer"), 290, 5000);
        Assert.InRange(r.Value("http.ttfb"), 0, 250);
        Assert.Equal(10, r.Value("http.content_length"));
        HttpProbeRun.AssertPhasesAddUp(r);
    }

    [Fact]
    public async Task CollectAsync_ChunkedWithExtensionsAndTrailers_BodyReassembled()
    {
        await using var server = CraftedServer.Raw(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" +
            "5;name=value\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: yes\r\n\r\n");
        var r = await HttpProbeRun.RunAsync(("url", $"http://127.0.0.1:{server.Port}/"), ("expect_body", "^hello 0123456789$"));

        Assert.Equal(1, r.Value("http.success"));
        Assert.Equal(16, r.Value("http.content_length"));
        HttpProbeRun.AssertPhasesAddUp(r);
    }

    [Fact]
    public async Task CollectAsync_ResponseOneByteAtATime_ParsedAcrossReads()
    {
        const string response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: b\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nT: 1\r\n\r\n";
        await using var server = CraftedServer.Start(async (_, s, ct) =>
        {
            foreach (var b in Encoding.Latin1.GetBytes(response))
            {
                await s.WriteAsync(new[] { b }, ct);
                await s.FlushAsync(ct);
            }
        });
        var r = await HttpProbeRun.RunAsync(("url", $"http://127.0.0.1:{server.Port}/"), ("expect_body", "^abcde$"));

        Assert.Equal(1, r.Value("http.success"));
        Assert.Equal(5, r.Value("http.content_length"));
        HttpProbeRun.AssertPhasesAddUp(r);
    }

    [Fact]
    public async Task CollectAsync_InterimContinue_FinalResponseRead()
    {
        await using var server = CraftedServer.Raw("HTTP/1.1 100 Continue\r\n\r\n" + CraftedServer.Ok("final"));
        var r = await HttpProbeRun.RunAsync(("url", $"http://127.0.0.1:{server.Port}/"), ("expect_body", "final"));

        Assert.Equal(1, r.Value("http.success"));
        Assert.Equal(200, r.Value("http.status"));
    }

    [Fact]
    public async Task CollectAsync_BodyUntilClose_CountedAndMatched()
    {
        await using var server = CraftedServer.Raw("HTTP/1.0 200 OK\r\n\r\nno length, ends at close");
        var r = await HttpProbeRun.RunAsync(("url", $"http://127.0.0.1:{server.Port}/"), ("expect_body", "ends at close$"));

        Assert.Equal(1, r.Value("http.success"));
        Assert.Equal(24, r.Value("http.content_length"));
    }

    [Fact]
    public async Task CollectAsync_RequestShape_MethodPathHostHeadersBody()
    {
        var seen = new List<SeenRequest>();
        await using var server = CraftedServer.Start((_, s, ct) => CraftedServer.WriteAsync(s, CraftedServer.Ok("ok"), ct), seen);
        var r = await HttpProbeRun.RunAsync(
            ("url", $"http://127.0.0.1:{server.Port}/api/x?q=a%20b#frag"),
            ("method", "POST"),
            ("header", "X-Test: one two"),
            ("header", "User-Agent: probe/1"),
            ("body", "{\"k\":\"é\"}"));

        Assert.Equal(1, r.Value("http.success"));
        var request = Assert.Single(seen);
        Assert.Equal("POST /api/x?q=a%20b HTTP/1.1", request.RequestLine);
        Assert.Contains($"\r\nHost: 127.0.0.1:{server.Port}\r\n", request.Head, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Test: one two\r\n", request.Head, StringComparison.Ordinal);
        Assert.Contains("\r\nUser-Agent: probe/1\r\n", request.Head, StringComparison.Ordinal);
        Assert.DoesNotContain("User-Agent: Fathom", request.Head, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Length: 10\r\n", request.Head, StringComparison.Ordinal);
        Assert.Equal("{\"k\":\"é\"}", request.Body);
    }

    [Fact]
    public async Task CollectAsync_TwoRedirects_FinalPhasesAndCount()
    {
        var seen = new List<SeenRequest>();
        await using var server = CraftedServer.Start(
            (req, s, ct) => CraftedServer.WriteAsync(s, req.Path switch
            {
                "/a" => "HTTP/1.1 302 Found\r\nLocation: /b\r\nContent-Length: 0\r\n\r\n",
                "/b" => "HTTP/1.1 301 Moved\r\nLocation: c?x=1\r\nContent-Length: 3\r\n\r\nbye",
                _ => CraftedServer.Ok("landed " + req.Path),
            }, ct),
            seen);
        var r = await HttpProbeRun.RunAsync(("url", $"http://127.0.0.1:{server.Port}/a"), ("expect_body", "^landed /c\\?x=1$"));

        Assert.Equal(1, r.Value("http.success"));
        Assert.Equal(2, r.Value("http.redirects"));
        Assert.Equal(200, r.Value("http.status"));
        Assert.Equal(13, r.Value("http.content_length"));
        Assert.Equal(["/a", "/b", "/c?x=1"], seen.Select(q => q.Path));
        HttpProbeRun.AssertPhasesAddUp(r);
    }

    [Fact]
    public async Task CollectAsync_RedirectNotFollowed_RedirectStatusIsFinal()
    {
        await using var server = CraftedServer.Raw("HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\n\r\n");
        var r = await HttpProbeRun.RunAsync(("url", $"http://127.0.0.1:{server.Port}/"), ("follow_redirects", "no"));

        Assert.Equal(1, r.Value("http.success"));
        Assert.Equal(302, r.Value("http.status"));
        Assert.Equal(0, r.Value("http.redirects"));
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task CollectAsync_RedirectLoop_FailsAfterTen()
    {
        await using var server = CraftedServer.Raw("HTTP/1.1 307 Again\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n");
        var url = $"http://127.0.0.1:{server.Port}/loop";
        var r = await HttpProbeRun.RunAsync(("url", url));

        Assert.Equal("more than 10 redirects (last to '/loop')", TcpProbeRun.Failure(r, "http", url));
        Assert.Equal(11, r.Value("http.redirects"));
        Assert.Equal(11, server.Accepted);
    }

    [Fact]
    public async Task CollectAsync_RedirectToFtp_FailsNamingTheLocation()
    {
        await using var server = CraftedServer.Raw("HTTP/1.1 301 Moved\r\nLocation: ftp://example.org/\r\nContent-Length: 0\r\n\r\n");
        var url = $"http://127.0.0.1:{server.Port}/";
        var r = await HttpProbeRun.RunAsync(("url", url));

        Assert.Equal("redirect to unsupported location 'ftp://example.org/'", TcpProbeRun.Failure(r, "http", url));
        Assert.Equal(301, r.Value("http.status"));
    }

    [Fact]
    public async Task CollectAsync_SeeOtherAfterPost_FollowedWithGetWithoutBody()
    {
        var seen = new List<SeenRequest>();
        await using var server = CraftedServer.Start(
            (req, s, ct) => CraftedServer.WriteAsync(s, req.Path == "/form" ? "HTTP/1.1 303 See Other\r\nLocation: /done\r\n\r\n" : CraftedServer.Ok("done"), ct),
            seen);
        var r = await HttpProbeRun.RunAsync(("url", $"http://127.0.0.1:{server.Port}/form"), ("method", "POST"), ("body", "a=1"));

        Assert.Equal(1, r.Value("http.success"));
        Assert.Equal(["POST /form HTTP/1.1", "GET /done HTTP/1.1"], seen.Select(q => q.RequestLine));
        Assert.Equal(["a=1", ""], seen.Select(q => q.Body));
    }

    [Fact]
    public async Task CollectAsync_BodyOverKeepLimit_AllCountedStartMatched()
    {
        const int size = (11 * 1024 * 1024) + 7;
        await using var server = CraftedServer.Start(async (_, s, ct) =>
        {
            await CraftedServer.WriteAsync(s, $"HTTP/1.1 200 OK\r\nContent-Length: {size}\r\n\r\nSTART", ct);
            var block = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
            for (var left = size - 5; left > 0; left -= block.Length)
            {
                await s.WriteAsync(block.AsMemory(0, Math.Min(left, block.Length)), ct);
            }
        });
        var r = await HttpProbeRun.RunAsync(("url", $"http://127.0.0.1:{server.Port}/"), ("expect_body", "^STARTx"));

        Assert.Equal(1, r.Value("http.success"));
        Assert.Equal(size, r.Value("http.content_length"));
    }

    [Fact]
    public async Task CollectAsync_HeadRequest_NoBodyRead()
    {
        await using var server = CraftedServer.Raw("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
        var r = await HttpProbeRun.RunAsync(("url", $"http://127.0.0.1:{server.Port}/"), ("method", "HEAD"));

        Assert.Equal(1, r.Value("http.success"));
        Assert.Equal(0, r.Value("http.content_length"));
    }
}
