using System.Net;
using System.Text.Json;
using Fathom.Lookup.Server.Tests.Support;

namespace Fathom.Lookup.Server.Tests;

public sealed class ProtocolTests
{
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;

    [Fact]
    public async Task Register_ServiceRecord_AnswersRecordWithServerKeysAsPlainStrings()
    {
        await using var s = await TestServer.StartAsync();
        var (status, body) = await s.SendAsync(Post, "/lookup/records", Bodies.Service("A"));
        Assert.Equal(HttpStatusCode.OK, status);
        var reply = Json.Parse(body);
        Assert.Matches("^lookup/service/[0-9a-f-]{36}$", reply.GetProperty("uri").GetString());
        Assert.Equal("registered", reply.GetProperty("state").GetString());
        Assert.Equal("2026-12-02T15:00:00.000Z", reply.GetProperty("expires").GetString());
        Assert.Equal(JsonValueKind.Array, reply.GetProperty("type").ValueKind);
        Assert.Equal(["PT60M"], Json.Strings(reply.GetProperty("ttl")));
        Assert.Equal(["A"], Json.Strings(reply.GetProperty("service-name")));
    }

    [Fact]
    public async Task Register_PlainStringValues_BecomeArrays()
    {
        await using var s = await TestServer.StartAsync();
        var (status, body) = await s.SendAsync(Post, "/lookup/records", """{"type":"host","host-name":"h1"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Array, Json.Parse(body).GetProperty("host-name").ValueKind);
    }

    [Fact]
    public async Task Register_ExactDuplicateOfLiveRecord_Is403_AndDifferentTtlStillDuplicate()
    {
        await using var s = await TestServer.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await s.SendAsync(Post, "/lookup/records", Bodies.Service("A"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.SendAsync(Post, "/lookup/records", Bodies.Service("A", "PT30M"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await s.SendAsync(Post, "/lookup/records", Bodies.Service("B"))).Status);
    }

    [Fact]
    public async Task Register_DuplicateOfExpiredRecord_IsAccepted()
    {
        await using var s = await TestServer.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await s.SendAsync(Post, "/lookup/records", Bodies.Service("A", "PT1M"))).Status);
        s.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await s.SendAsync(Post, "/lookup/records", Bodies.Service("A", "PT1M"))).Status);
    }

    [Theory]
    [InlineData("PT0M", "2026-12-02T16:00:00.000Z")] // 0: the default 2 h
    [InlineData("PT10S", "2026-12-02T16:00:00.000Z")] // under 30 s: the default, not clamped
    [InlineData("P31D", "2026-12-02T16:00:00.000Z")] // over 30 days: the default
    [InlineData("PT30S", "2026-12-02T14:00:30.000Z")]
    [InlineData("P30D", "2027-01-01T14:00:00.000Z")]
    public async Task Register_Ttl_OutOfRangeTakesDefault(string ttl, string expires)
    {
        await using var s = await TestServer.StartAsync();
        var (status, body) = await s.SendAsync(Post, "/lookup/records", Bodies.Service("A", ttl));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expires, Json.Parse(body).GetProperty("expires").GetString());
    }

    [Fact]
    public async Task Register_NoTtl_GetsDefault()
    {
        await using var s = await TestServer.StartAsync();
        var (_, body) = await s.SendAsync(Post, "/lookup/records", Bodies.Host("h"));
        Assert.Equal("2026-12-02T16:00:00.000Z", Json.Parse(body).GetProperty("expires").GetString());
    }

    [Fact]
    public async Task Register_UnparsableTtl_Is403WithReason()
    {
        await using var s = await TestServer.StartAsync();
        var (status, body) = await s.SendAsync(Post, "/lookup/records", Bodies.Service("A", "soon"));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("ttl 'soon'", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renew_EmptyBody_RenewsWithDefaultAndTtlEmptyList()
    {
        await using var s = await TestServer.StartAsync();
        var uri = await RegisterAsync(s, Bodies.Service("A"));
        s.Clock.Advance(TimeSpan.FromMinutes(10));
        var (status, body) = await s.SendAsync(Post, "/" + uri, "", contentType: null);
        Assert.Equal(HttpStatusCode.OK, status);
        var reply = Json.Parse(body);
        Assert.Equal("renewed", reply.GetProperty("state").GetString());
        Assert.Equal("2026-12-02T16:10:00.000Z", reply.GetProperty("expires").GetString());
        Assert.Equal(JsonValueKind.Array, reply.GetProperty("ttl").ValueKind);
        Assert.Empty(Json.Strings(reply.GetProperty("ttl")));
    }

    [Fact]
    public async Task Renew_WithTtl_EchoesTtlAsPlainString()
    {
        await using var s = await TestServer.StartAsync();
        var uri = await RegisterAsync(s, Bodies.Service("A"));
        var (status, body) = await s.SendAsync(Post, "/" + uri, """{"ttl":["PT30M"]}""");
        Assert.Equal(HttpStatusCode.OK, status);
        var reply = Json.Parse(body);
        Assert.Equal("PT30M", reply.GetProperty("ttl").GetString());
        Assert.Equal("2026-12-02T14:30:00.000Z", reply.GetProperty("expires").GetString());
        Assert.Equal(uri, reply.GetProperty("uri").GetString());
    }

    [Fact]
    public async Task Renew_WholeRecordBody_AsReusedClientSends_UsesItsTtl()
    {
        await using var s = await TestServer.StartAsync();
        var uri = await RegisterAsync(s, Bodies.Service("A"));
        var (status, body) = await s.SendAsync(Post, "/" + uri, Bodies.Service("A", "PT45M"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2026-12-02T14:45:00.000Z", Json.Parse(body).GetProperty("expires").GetString());
    }

    [Fact]
    public async Task Renew_Unknown_Is404_AndBadBody400_AndBadTtl403()
    {
        await using var s = await TestServer.StartAsync();
        var uri = await RegisterAsync(s, Bodies.Service("A"));
        Assert.Equal(HttpStatusCode.NotFound, (await s.SendAsync(Post, "/lookup/service/0000", "")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await s.SendAsync(Post, "/" + uri, "{nope")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await s.SendAsync(Post, "/" + uri, """{"ttl":[1]}""")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.SendAsync(Post, "/" + uri, """{"ttl":["later"]}""")).Status);
    }

    [Fact]
    public async Task Delete_AnswersRecordStateDeleted_ThenGone_BodyIgnored()
    {
        await using var s = await TestServer.StartAsync();
        var uri = await RegisterAsync(s, Bodies.Service("A"));
        var (status, body) = await s.SendAsync(HttpMethod.Delete, "/" + uri, Bodies.Service("A"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("deleted", Json.Parse(body).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await s.SendAsync(HttpMethod.Delete, "/" + uri)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await s.SendAsync(Get, "/" + uri)).Status);
        Assert.Equal(HttpStatusCode.OK, (await s.SendAsync(Post, "/lookup/records", Bodies.Service("A"))).Status);
    }

    [Fact]
    public async Task Get_RecordAndOneKey()
    {
        await using var s = await TestServer.StartAsync();
        var uri = await RegisterAsync(s, Bodies.Service("A"));
        var (status, body) = await s.SendAsync(Get, "/" + uri, contentType: null);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(uri, Json.Parse(body).GetProperty("uri").GetString());
        (status, body) = await s.SendAsync(Get, $"/{uri}/service-name");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"service-name":["A"]}""", body);
        (status, body) = await s.SendAsync(Get, $"/{uri}/uri");
        Assert.Equal($$"""{"uri":"{{uri}}"}""", body);
        Assert.Equal(HttpStatusCode.NotFound, (await s.SendAsync(Get, $"/{uri}/no-such-key")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await s.SendAsync(Get, "/lookup/service/unknown/service-name")).Status);
    }

    [Fact]
    public async Task Query_OperatorsWildcardsPerKeyAndPaging()
    {
        await using var s = await TestServer.StartAsync();
        var a = await RegisterAsync(s, """{"type":["service"],"service-name":["Alpha BWCTL"],"service-type":["bwctl","owamp"]}""");
        var b = await RegisterAsync(s, """{"type":["service"],"service-name":["Beta"],"service-type":["owamp"]}""");
        var h = await RegisterAsync(s, Bodies.Host("h1.example.net"));

        Assert.Equal(new[] { a, b, h }, await QueryAsync(s, "/lookup/records"));
        Assert.Equal(new[] { a, b }, await QueryAsync(s, "/lookup/records/?type=service"));
        Assert.Equal(new[] { a, b }, await QueryAsync(s, "/lookup/records?service-type=bwctl,owamp"));
        Assert.Equal(new[] { a }, await QueryAsync(s, "/lookup/records?service-type=bwctl,owamp&service-type-operator=all"));
        Assert.Equal(new[] { a }, await QueryAsync(s, "/lookup/records/?service-name=alpha*"));
        Assert.Equal(new[] { a }, await QueryAsync(s, "/lookup/records/?service-name=*BW*"));
        Assert.Equal(new[] { a }, await QueryAsync(s, "/lookup/records/?service-name=Alpha%20BWCTL"));
        Assert.Equal(new[] { a, h }, await QueryAsync(s, "/lookup/records/?service-type=bwctl&host-name=h1.example.net&operator=any"));
        Assert.Empty(await QueryAsync(s, "/lookup/records/?service-type=bwctl&host-name=h1.example.net&operator=all"));
        Assert.Equal(new[] { b }, await QueryAsync(s, "/lookup/records/?type=service&skip=1"));
        Assert.Equal(new[] { a }, await QueryAsync(s, "/lookup/records/?type=service&maxresults=1"));
        Assert.Empty(await QueryAsync(s, "/lookup/records/?type=nothing"));
        Assert.Equal(new[] { a, b }, await QueryAsync(s, "/lookup/records/?type=service&maxresults=0")); // 0: no limit, as the reference server reads it
        Assert.Equal(HttpStatusCode.BadRequest, (await s.SendAsync(Get, "/lookup/records?operator=some")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await s.SendAsync(Get, "/lookup/records?maxresults=-1")).Status);
    }

    [Fact]
    public async Task Query_NothingRegistered_IsEmptyArray()
    {
        await using var s = await TestServer.StartAsync();
        var (status, body) = await s.SendAsync(Get, "/lookup/records/?type=service");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("[]", body);
    }

    [Fact]
    public async Task BulkRenew_CountsAsStrings_FailedUrisWithCodes()
    {
        await using var s = await TestServer.StartAsync();
        var a = await RegisterAsync(s, Bodies.Service("A"));
        var b = await RegisterAsync(s, Bodies.Service("B"));
        var (status, body) = await s.SendAsync(HttpMethod.Put, "/lookup/records", $$"""{"record-uris":["{{a}}","{{b}}","lookup/service/gone"],"ttl":["PT90M"]}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"total":"3","renewed":"2","failure":"1","failed-uris":["lookup/service/gone"],"error-code":["22"],"error-message":["notfound"]}""", body);
        (_, body) = await s.SendAsync(Get, "/" + a);
        Assert.Equal("2026-12-02T15:30:00.000Z", Json.Parse(body).GetProperty("expires").GetString());
        Assert.Equal("renewed", Json.Parse(body).GetProperty("state").GetString());
    }

    [Fact]
    public async Task BulkRenew_NothingRenewed_RenewedIsStringNull_BadTtlIsCode21()
    {
        await using var s = await TestServer.StartAsync();
        var a = await RegisterAsync(s, Bodies.Service("A"));
        var (_, body) = await s.SendAsync(HttpMethod.Put, "/lookup/records", """{"record-uris":["lookup/service/x"]}""");
        Assert.Equal("""{"total":"1","renewed":"null","failure":"1","failed-uris":["lookup/service/x"],"error-code":["22"],"error-message":["notfound"]}""", body);
        (_, body) = await s.SendAsync(HttpMethod.Put, "/lookup/records", $$"""{"record-uris":["{{a}}"],"ttl":["never"]}""");
        Assert.Equal($$"""{"total":"1","renewed":"null","failure":"1","failed-uris":["{{a}}"],"error-code":["21"],"error-message":["expired"]}""", body);
        Assert.Equal(HttpStatusCode.BadRequest, (await s.SendAsync(HttpMethod.Put, "/lookup/records", "")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await s.SendAsync(HttpMethod.Put, "/lookup/records", "{")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await s.SendAsync(HttpMethod.Put, "/lookup/records", "{}")).Status);
    }

    [Fact]
    public async Task UnknownPathsAndMethods_Are404And405()
    {
        await using var s = await TestServer.StartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await s.SendAsync(Get, "/")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await s.SendAsync(Get, "/other/records")).Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await s.SendAsync(HttpMethod.Delete, "/lookup/records")).Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await s.SendAsync(HttpMethod.Put, "/lookup/service/x")).Status);
    }

    internal static async Task<string> RegisterAsync(TestServer s, string body)
    {
        var (status, reply) = await s.SendAsync(Post, "/lookup/records", body);
        Assert.True(status == HttpStatusCode.OK, $"{status}: {reply}");
        return Json.Parse(reply).GetProperty("uri").GetString()!;
    }

    internal static async Task<string[]> QueryAsync(TestServer s, string path)
    {
        var (status, body) = await s.SendAsync(Get, path);
        Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
        return [.. Json.Parse(body).EnumerateArray().Select(r => r.GetProperty("uri").GetString()!)];
    }
}
