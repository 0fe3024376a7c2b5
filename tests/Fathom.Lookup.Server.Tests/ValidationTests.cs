using System.Net;
using System.Net.Sockets;
using System.Text;
using Fathom.Lookup.Server.Tests.Support;

namespace Fathom.Lookup.Server.Tests;

public sealed class ValidationTests
{
    public static TheoryData<string, string> BadBodies() => new()
    {
        { "", "empty" },
        { "   ", "empty" },
        { "{\"type\":", "malformed JSON" },
        { "{\"type\":[\"service\"]", "malformed JSON" },
        { "[]", "a JSON object was expected" },
        { "42", "a JSON object was expected" },
        { "null", "a JSON object was expected" },
        { "{}", "no 'type'" },
        { "{\"type\":[]}", "no 'type'" },
        { "{\"type\":[\"\"]}", "no 'type'" },
        { "{\"type\":\"\"}", "no 'type'" },
        { "{\"type\":[\"a\",\"b\"]}", "exactly one type" },
        { "{\"type\":[\"a/b\"]}", "cannot be a record type" },
        { "{\"type\":[\"records\"]}", "cannot be a record type" },
        { "{\"type\":[1]}", "every value must be a string" },
        { "{\"type\":[\"x\"],\"n\":5}", "key 'n'" },
        { "{\"type\":[\"x\"],\"n\":true}", "key 'n'" },
        { "{\"type\":[\"x\"],\"n\":null}", "key 'n'" },
        { "{\"type\":[\"x\"],\"n\":{\"a\":[\"b\"]}}", "key 'n'" },
        { "{\"type\":[\"x\"],\"n\":[[\"a\"]]}", "key 'n'" },
        { "{\"type\":[\"x\"],\"n\":[\"a\"],\"n\":[\"b\"]}", "appears twice" },
        { "{\"type\":[\"x\"],\"bad key\":[\"a\"]}", "not a valid key name" },
        { "{\"type\":[\"x\"],\"-lead\":[\"a\"]}", "not a valid key name" },
        { "{\"type\":[\"x\"],\"\":[\"a\"]}", "empty" },
        { "{\"type\":[\"x\"],\"k\":[\"a\\u0000b\"]}", "control character" },
        { "{\"type\":[\"x\"],\"ttl\":[\"PT1H\",\"PT2H\"]}", "more than one value" },
        { "{\"type\":[\"x\"]} trailing", "malformed JSON" },
        { "{\"type\":[\"x\"],/*c*/\"a\":[\"b\"]}", "malformed JSON" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Register_BadBody_Is400WithOneLineReason_AndServerKeepsServing(string body, string reason)
    {
        await using var s = await TestServer.StartAsync();
        var (status, text) = await s.SendAsync(HttpMethod.Post, "/lookup/records", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(reason, text, StringComparison.Ordinal);
        Assert.Equal(1, text.Count(c => c == '\n'));
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        await AssertServingAsync(s);
    }

    [Fact]
    public async Task Register_LongKeyManyKeysManyValuesLongValue_Are400()
    {
        await using var s = await TestServer.StartAsync();
        var longKey = $$"""{"type":["x"],"{{new string('k', 129)}}":["a"]}""";
        var manyKeys = "{\"type\":[\"x\"]," + string.Join(',', Enumerable.Range(0, 300).Select(i => $"\"k{i}\":[\"v\"]")) + "}";
        var manyValues = "{\"type\":[\"x\"],\"k\":[" + string.Join(',', Enumerable.Repeat("\"v\"", 1001)) + "]}";
        var longValue = $$"""{"type":["x"],"k":["{{new string('v', 8193)}}"]}""";
        foreach (var (body, reason) in new[] { (longKey, "129 characters"), (manyKeys, "301 keys"), (manyValues, "1001 values"), (longValue, "8193 characters") })
        {
            var (status, text) = await s.SendAsync(HttpMethod.Post, "/lookup/records", body);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains(reason, text, StringComparison.Ordinal);
        }

        await AssertServingAsync(s);
    }

    [Fact]
    public async Task Register_OversizedBody_Is400NamingSizeAndLimit()
    {
        await using var s = await TestServer.StartAsync();
        var body = $$"""{"type":["x"],"k":["{{new string('v', 70_000)}}"]}""";
        var (status, text) = await s.SendAsync(HttpMethod.Post, "/lookup/records", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"is {Encoding.UTF8.GetByteCount(body)} bytes; the limit is 65536 bytes", text, StringComparison.Ordinal);

        // Chunked, so the size is not announced: the limit still holds.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/lookup/records") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))) };
        request.Headers.TransferEncodingChunked = true;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await s.Http.SendAsync(request, cts.Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("over the limit of 65536 bytes", await response.Content.ReadAsStringAsync(cts.Token), StringComparison.Ordinal);
        await AssertServingAsync(s);
    }

    [Fact]
    public async Task Register_BadUtf8_Is400NamingTheByte()
    {
        await using var s = await TestServer.StartAsync();
        byte[] body = [.. "{\"type\":[\"x"u8, 0xC3, 0x28, .. "\"]}"u8];
        var (status, text) = await s.SendBytesAsync(HttpMethod.Post, "/lookup/records", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("not valid UTF-8 (at byte 11)", text, StringComparison.Ordinal);
        await AssertServingAsync(s);
    }

    [Fact]
    public async Task Register_DeepNesting_Is400()
    {
        await using var s = await TestServer.StartAsync();
        var deep = "{\"type\":[\"x\"],\"k\":" + new string('[', 5000) + new string(']', 5000) + "}";
        var (status, _) = await s.SendAsync(HttpMethod.Post, "/lookup/records", deep);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var deepObjects = string.Concat(Enumerable.Repeat("{\"a\":", 2000)) + "1" + new string('}', 2000);
        (status, _) = await s.SendAsync(HttpMethod.Post, "/lookup/records", deepObjects);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        await AssertServingAsync(s);
    }

    [Fact]
    public async Task Fuzz_RandomBytesTruncatedAndMutatedJson_AllAre4xx_NeverA500()
    {
        await using var s = await TestServer.StartAsync();
        var random = new Random(20261206);
        var valid = Encoding.UTF8.GetBytes(Bodies.Service("Fuzz"));
        var paths = new[] { "/lookup/records", "/lookup/service/x", "/lookup/records" };
        var methods = new[] { HttpMethod.Post, HttpMethod.Post, HttpMethod.Put };
        for (var i = 0; i < 300; i++)
        {
            byte[] body = (i % 3) switch
            {
                0 => RandomBytes(random, random.Next(0, 512)),
                1 => valid[..random.Next(0, valid.Length - 1)],
                _ => Mutate(random, valid),
            };
            var which = random.Next(paths.Length);
            var (status, text) = await s.SendBytesAsync(methods[which], paths[which], body);
            Assert.True((int)status is 200 or 400 or 403 or 404, $"{methods[which]} {paths[which]} with {Convert.ToHexString(body)}: {status} {text}");
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("error", s.Log, StringComparison.Ordinal);
        await AssertServingAsync(s);
    }

    [Fact]
    public async Task Fuzz_RandomQueryStrings_AreAnswered_NeverA500()
    {
        await using var s = await TestServer.StartAsync();
        await ProtocolTests.RegisterAsync(s, Bodies.Service("Fuzz"));
        var random = new Random(6122026);
        const string alphabet = "abcXYZ019-_.*,=&?%+ /\\\"'{}[]<>#é";
        for (var i = 0; i < 300; i++)
        {
            var query = new string([.. Enumerable.Range(0, random.Next(0, 60)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var path = "/lookup/records/?" + Uri.EscapeDataString(query).Replace("%3D", "=", StringComparison.Ordinal).Replace("%26", "&", StringComparison.Ordinal);
            var (status, text) = await s.SendAsync(HttpMethod.Get, path);
            Assert.True((int)status is 200 or 400, $"{path}: {status} {text}");
        }

        Assert.DoesNotContain("error", s.Log, StringComparison.Ordinal);
        await AssertServingAsync(s);
    }

    [Fact]
    public async Task EmptyTcpConnection_BeforeRequest_IsHarmless()
    {
        await using var s = await TestServer.StartAsync();
        for (var i = 0; i < 20; i++)
        {
            // What perfSONAR's SimpleLS::connect() does before each request (Net::Ping, tcp).
            using var probe = new TcpClient();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await probe.ConnectAsync(IPAddress.Loopback, s.Port, cts.Token);
            probe.Close();
            await AssertServingAsync(s);
        }

        Assert.DoesNotContain("warn", s.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("error", s.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PerlClientQuirks_ContentTypeOnGetAndDelete_ContentLengthZero_UnescapedValues()
    {
        await using var s = await TestServer.StartAsync();
        var uri = await ProtocolTests.RegisterAsync(s, """{"type":["service"],"service-name":["Two Words"]}""");
        using var tcp = new TcpClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await tcp.ConnectAsync(IPAddress.Loopback, s.Port, cts.Token);
        var stream = tcp.GetStream();
        var raw = $"GET /lookup/records/?service-name=Two%20Words&type=service HTTP/1.1\r\nContent-Type: application/json; charset=utf-8\r\nHost: 127.0.0.1:{s.Port}\r\n\r\n"
            + $"DELETE /{uri} HTTP/1.1\r\nContent-Length: 0\r\nContent-Type: application/json; charset=utf-8\r\nHost: 127.0.0.1:{s.Port}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(raw), cts.Token);
        var reply = new StringBuilder();
        var buffer = new byte[8192];
        while (!reply.ToString().Contains("\"state\":\"deleted\"", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer, cts.Token);
            Assert.NotEqual(0, n);
            reply.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }

        Assert.Contains($"\"uri\":\"{uri}\"", reply.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, reply.ToString().Split("HTTP/1.1 200 OK").Length - 1);
    }

    private static async Task AssertServingAsync(TestServer s)
    {
        var (status, body) = await s.SendAsync(HttpMethod.Get, "/lookup/records/?type=none");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("[]", body);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] valid)
    {
        var copy = (byte[])valid.Clone();
        for (var n = random.Next(1, 6); n > 0; n--)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return copy;
    }
}
