using System.Net;
using Fathom.Api.Client.Wire;
using Fathom.Api.Tests.Support;
using static Fathom.Api.Tests.Support.Data;

namespace Fathom.Api.Tests;

public sealed class SeriesEndpointTests
{
    private static void WriteThree(ApiHost host) =>
        host.Write([.. Minutes(Key("ping.rtt.avg", "ms", ("target", "b")), T0, 3), .. Minutes(Key("ping.loss", "percent", ("target", "a")), T0, 2), .. Minutes(Key("http.ttfb", "ms", ("target", "a")), T0 + Minute, 5)]);

    [Fact]
    public async Task Series_NoParameters_EverySeriesAsTheReadPortListsIt()
    {
        await using var host = await ApiHost.StartAsync();
        WriteThree(host);

        var body = await ProblemAssert.GetJsonAsync(host, "/api/v1/series", ApiJson.Default.SeriesListDto);

        using var reader = host.OpenReader();
        var expected = reader.ListSeries();
        Assert.Equal(expected.Select(s => s.Key.Canonical), body.Series.Select(s => s.Key));
        Assert.Equal(expected.Select(s => (s.PointCount, s.FirstTimeNs, s.LastTimeNs)), body.Series.Select(s => (s.Points, s.First, s.Last)));
        var ttfb = body.Series[0];
        Assert.Equal(("http.ttfb", "ms", 5L, (long?)(T0 + Minute), (long?)(T0 + (5 * Minute))), (ttfb.Name, ttfb.Unit, ttfb.Points, ttfb.First, ttfb.Last));
        Assert.Equal(new Dictionary<string, string> { ["target"] = "a" }, ttfb.Tags);
    }

    [Fact]
    public async Task Series_NameGlob_OnlyMatching()
    {
        await using var host = await ApiHost.StartAsync();
        WriteThree(host);

        var body = await ProblemAssert.GetJsonAsync(host, "/api/v1/series?name=ping.*", ApiJson.Default.SeriesListDto);

        Assert.Equal(["ping.loss{target=a}", "ping.rtt.avg{target=b}"], body.Series.Select(s => s.Key));
    }

    [Fact]
    public async Task Series_Tags_EveryTagMustMatch()
    {
        await using var host = await ApiHost.StartAsync();
        WriteThree(host);
        host.Write(Point(Key("ping.loss", "percent", ("target", "a"), ("collector", "x")), T0, 1));

        var one = await ProblemAssert.GetJsonAsync(host, "/api/v1/series?tag=target=a", ApiJson.Default.SeriesListDto);
        var two = await ProblemAssert.GetJsonAsync(host, "/api/v1/series?tag=target=a&tag=collector=x", ApiJson.Default.SeriesListDto);

        Assert.Equal(["http.ttfb{target=a}", "ping.loss{collector=x,target=a}", "ping.loss{target=a}"], one.Series.Select(s => s.Key));
        Assert.Equal(["ping.loss{collector=x,target=a}"], two.Series.Select(s => s.Key));
    }

    [Fact]
    public async Task Series_NothingMatches_EmptyList()
    {
        await using var host = await ApiHost.StartAsync();
        WriteThree(host);

        var body = await ProblemAssert.GetJsonAsync(host, "/api/v1/series?name=nope*", ApiJson.Default.SeriesListDto);

        Assert.Empty(body.Series);
    }

    [Theory]
    [InlineData("tag=target", "tag")]
    [InlineData("name=a&name=b", "name")]
    [InlineData("name=", "name")]
    [InlineData("nam=ping", "nam")]
    [InlineData("from=-1h", "from")]
    public async Task Series_BadParameter_400NamesIt(string parameters, string parameter)
    {
        await using var host = await ApiHost.StartAsync();
        WriteThree(host);

        await ProblemAssert.GetAsync(host, $"/api/v1/series?{parameters}", HttpStatusCode.BadRequest, parameter);
    }
}
