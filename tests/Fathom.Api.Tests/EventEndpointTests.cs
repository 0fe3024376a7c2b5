using System.Net;
using System.Text.Json;
using Fathom.Api.Client.Wire;
using Fathom.Api.Tests.Support;
using Fathom.TestSupport;
using static Fathom.Api.Tests.Support.Data;

namespace Fathom.Api.Tests;

public sealed class EventEndpointTests
{
    private const string Path = """{"hops":[{"ttl":1,"ip":"198.18.0.1"},{"ttl":2,"ip":"198.18.1.1"}]}""";

    private static void WriteEvents(ApiHost host) => host.Write(
        Event("trace.path", T0, Path, ("collector", "t"), ("target", "a")),
        Event("trace.path", T0 + Minute, Path, ("collector", "t"), ("target", "b")),
        Event("http.failure", T0 + (2 * Minute), """{"reason":"timeout"}""", ("collector", "h")),
        Event("trace.path", T0 + (3 * Hour()), Path, ("collector", "t"), ("target", "a")));

    private static long Hour() => 60 * Minute;

    [Fact]
    public async Task Events_Range_AsTheReadPortListsThem()
    {
        await using var host = await ApiHost.StartAsync();
        WriteEvents(host);

        var body = await ProblemAssert.GetJsonAsync(host, "/api/v1/events?from=2026-11-21T10:00:00Z&to=2026-11-21T11:00:00Z", ApiJson.Default.EventListDto);

        using var reader = host.OpenReader();
        var expected = reader.ListEvents(T0, T0 + Hour());
        Assert.Equal(expected.Select(e => (e.TimeUnixNs, e.Name)), body.Events.Select(e => (e.Time, e.Name)));
        Assert.Equal(3, body.Events.Count);
        Assert.Equal((T0, T0 + Hour()), (body.From, body.To));
        var first = body.Events[0];
        Assert.Equal(new Dictionary<string, string> { ["collector"] = "t", ["target"] = "a" }, first.Tags);
        Assert.Equal("198.18.1.1", first.Data.GetProperty("hops")[1].GetProperty("ip").GetString());
        Assert.Equal("timeout", body.Events[2].Data.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Events_NameAndTags_Filter()
    {
        await using var host = await ApiHost.StartAsync();
        WriteEvents(host);

        var body = await ProblemAssert.GetJsonAsync(host, "/api/v1/events?name=trace.path&tag=target=a&from=2026-11-21T00:00:00Z&to=2026-11-22T00:00:00Z", ApiJson.Default.EventListDto);

        Assert.Equal([T0, T0 + (3 * Hour())], body.Events.Select(e => e.Time));
    }

    [Fact]
    public async Task Events_DefaultRange_LastHourUntilNow()
    {
        var clock = new FakeTimeProvider(T0Time.AddMinutes(30));
        await using var host = await ApiHost.StartAsync(time: clock);
        WriteEvents(host);

        var body = await ProblemAssert.GetJsonAsync(host, "/api/v1/events", ApiJson.Default.EventListDto);

        Assert.Equal((T0 - (30 * Minute), T0 + (30 * Minute)), (body.From, body.To));
        Assert.Equal(3, body.Events.Count);
    }

    [Fact]
    public async Task Events_DataNotJson_PassedOnAsString()
    {
        await using var host = await ApiHost.StartAsync();
        host.Write(Event("script.output", T0, "not json {"));

        var body = await ProblemAssert.GetJsonAsync(host, "/api/v1/events?from=2026-11-21T10:00:00Z&to=2026-11-21T11:00:00Z", ApiJson.Default.EventListDto);

        var data = Assert.Single(body.Events).Data;
        Assert.Equal(JsonValueKind.String, data.ValueKind);
        Assert.Equal("not json {", data.GetString());
    }

    [Fact]
    public async Task Events_OverTheLimit_400From()
    {
        await using var host = await ApiHost.StartAsync(s => s with { MaxPoints = 2 });
        WriteEvents(host);

        var problem = await ProblemAssert.GetAsync(host, "/api/v1/events?from=2026-11-21T10:00:00Z&to=2026-11-21T11:00:00Z", HttpStatusCode.BadRequest, "from");

        Assert.StartsWith("the range holds 3 events, over the limit of 2", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=later", "from")]
    [InlineData("to=2026-11-21", "to")]
    [InlineData("from=2026-11-21T11:00:00Z&to=2026-11-21T10:00:00Z", "from")]
    [InlineData("tag=nokey", "tag")]
    [InlineData("name=a&name=b", "name")]
    [InlineData("element=x", "element")]
    public async Task Events_BadParameter_400NamesIt(string parameters, string parameter)
    {
        await using var host = await ApiHost.StartAsync();

        await ProblemAssert.GetAsync(host, $"/api/v1/events?{parameters}", HttpStatusCode.BadRequest, parameter);
    }
}
