using Fathom.Collectors.Tests.Tcp;

namespace Fathom.Collectors.Tests.Http;

/// <summary>Malformed responses fail the probe with a reason naming what was wrong; nothing escapes.</summary>
public sealed class HttpMalformedTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "HTP/1.1 200 OK\r\n\r\n", "malformed response: bad status line 'HTP/1.1 200 OK'" },
        { "HTTP/1.1 20x OK\r\n\r\n", "malformed response: bad status line 'HTTP/1.1 20x OK'" },
        { "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "malformed response: bad header line 'no colon here'" },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", "malformed response: bad chunk size 'zz'" },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n", "malformed response: bad chunk size '-5'" },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n", "malformed response: chunk of 5 bytes not followed by CR LF but 'XX0'" },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\nhello", "malformed response: truncated chunked body, got 5 of a 10-byte chunk" },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", "malformed response: truncated chunked body, connection closed after 5 bytes" },
        { "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b", "malformed response: truncated body, got 10 of 100 bytes (Content-Length)" },
        { "HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello!", "malformed response: bad Content-Length '5, 6'" },
        { "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "malformed response: bad Content-Length '-1'" },
        { "HTTP/1.1 200 OK\r\nServer: x\r\n", "malformed response: connection closed inside the headers" },
        { "", "connection closed without a response" },
        { "HTTP/1.1 200 OK\r\nX-Big: " + new string('a', 70 * 1024) + "\r\n\r\n", "malformed response: headers larger than 64 KiB" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task CollectAsync_MalformedResponse_FailureNamesTheProblem(string response, string reason)
    {
        await using var server = CraftedServer.Raw(response);
        var url = $"http://127.0.0.1:{server.Port}/";
        var r = await HttpProbeRun.RunAsync(("url", url));

        Assert.Equal(reason, TcpProbeRun.Failure(r, "http", url));
        Assert.Empty(r.Sink.Samples("http.total"));
        Assert.InRange(r.Value("http.duration"), 0, 5000);
        Assert.InRange(r.Value("http.connect"), 0, 5000);
    }
}
