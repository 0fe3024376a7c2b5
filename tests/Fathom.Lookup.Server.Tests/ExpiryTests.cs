using System.Net;
using Fathom.Lookup.Server.Tests.Support;
using Fathom.TestSupport;

namespace Fathom.Lookup.Server.Tests;

public sealed class ExpiryTests
{
    [Fact]
    public async Task ExpiredRecord_IsNeverServed_EvenBeforePrune()
    {
        await using var s = await TestServer.StartAsync(configure: o => new LookupServerOptions { StorePath = o.StorePath, Listen = o.Listen, PruneInterval = TimeSpan.FromHours(1) });
        var uri = await ProtocolTests.RegisterAsync(s, Bodies.Service("A", "PT1M"));
        s.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.OK, (await s.SendAsync(HttpMethod.Get, "/" + uri)).Status);
        s.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.NotFound, (await s.SendAsync(HttpMethod.Get, "/" + uri)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await s.SendAsync(HttpMethod.Get, $"/{uri}/type")).Status);
        Assert.Empty(await ProtocolTests.QueryAsync(s, "/lookup/records"));
        Assert.Equal(HttpStatusCode.NotFound, (await s.SendAsync(HttpMethod.Post, "/" + uri, "")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await s.SendAsync(HttpMethod.Delete, "/" + uri)).Status);
    }

    [Fact]
    public async Task Renew_ExtendsLease_PastOriginalExpiry()
    {
        await using var s = await TestServer.StartAsync();
        var uri = await ProtocolTests.RegisterAsync(s, Bodies.Service("A", "PT1M"));
        s.Clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(HttpStatusCode.OK, (await s.SendAsync(HttpMethod.Post, "/" + uri, """{"ttl":["PT1M"]}""")).Status);
        s.Clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(HttpStatusCode.OK, (await s.SendAsync(HttpMethod.Get, "/" + uri)).Status);
    }

    [Fact]
    public async Task Prune_RemovesExpiredRecordsFromStoreFile()
    {
        using var dir = new TempDir();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 14, 0, 0, TimeSpan.Zero));
        await using (var s = await TestServer.StartAsync(clock, dir.File("lookup.db")))
        {
            await ProtocolTests.RegisterAsync(s, Bodies.Service("short", "PT1M"));
            await ProtocolTests.RegisterAsync(s, Bodies.Service("long", "PT1H"));
            clock.Advance(TimeSpan.FromMinutes(2)); // fires the prune timer
            Assert.Contains("pruned 1 expired records", s.Log, StringComparison.Ordinal);
        }

        using var db = Archive.Sqlite.SqliteConnection.Open(dir.File("lookup.db"), readOnly: true, TimeSpan.FromSeconds(5));
        Assert.Equal(1, db.ScalarInt64("SELECT count(*) FROM records"));
    }

    [Fact]
    public async Task ShortTtlBounds_MinOneSecond_AreHonoured()
    {
        await using var s = await TestServer.StartAsync(configure: o => new LookupServerOptions
        {
            StorePath = o.StorePath,
            Listen = o.Listen,
            MinTtl = TimeSpan.FromSeconds(1),
            MaxTtl = TimeSpan.FromMinutes(5),
            DefaultTtl = TimeSpan.FromSeconds(3),
        });
        var (_, body) = await s.SendAsync(HttpMethod.Post, "/lookup/records", Bodies.Service("A", "PT2S"));
        Assert.Equal("2026-12-02T14:00:02.000Z", Json.Parse(body).GetProperty("expires").GetString());
        (_, body) = await s.SendAsync(HttpMethod.Post, "/lookup/records", Bodies.Service("B", "PT10M"));
        Assert.Equal("2026-12-02T14:00:03.000Z", Json.Parse(body).GetProperty("expires").GetString());
    }
}
