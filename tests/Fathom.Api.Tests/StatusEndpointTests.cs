using System.Net;
using Fathom.Api.Client.Wire;
using Fathom.Api.Tests.Support;
using Fathom.TestSupport;
using static Fathom.Api.Tests.Support.Data;

namespace Fathom.Api.Tests;

public sealed class StatusEndpointTests
{
    private const string Window = "from=2026-11-21T09:00:00Z&to=2026-11-21T12:00:00Z";

    private static void WriteStates(ApiHost host) => host.Write(
        Status("eth0", T0, "up", "normal"),
        Status("eth0", T0 + Minute, "up", "normal"),
        Status("eth0", T0 + (2 * Minute), "down", "maintenance"),
        Status("eth1", T0, "up"),
        Status("eth1", T0 + (5 * Minute), "up"));

    [Fact]
    public async Task Status_Window_ElementsWithCurrentStateAndRanges()
    {
        await using var host = await ApiHost.StartAsync();
        WriteStates(host);

        var body = await ProblemAssert.GetJsonAsync(host, $"/api/v1/status?{Window}", ApiJson.Default.StatusListDto);

        using var reader = host.OpenReader();
        var expected = reader.ListStatus(null, T0 - (60 * Minute), T0 + (120 * Minute));
        Assert.Equal(expected.Select(r => (r.Element, r.StartNs, r.EndNs, r.Oper, r.Admin)), body.Elements.SelectMany(e => e.Ranges.Select(r => (e.Element, r.Start, r.End, r.Oper, r.Admin))));
        Assert.Equal(["eth0", "eth1"], body.Elements.Select(e => e.Element));
        var eth0 = body.Elements[0];
        Assert.Equal(("down", "maintenance", T0 + (2 * Minute)), (eth0.Oper, eth0.Admin, eth0.Since));
        Assert.Equal(2, eth0.Ranges.Count);
        Assert.Equal(new StatusRangeDto(T0, T0 + Minute, "up", "normal"), eth0.Ranges[0]);
        var eth1 = body.Elements[1];
        Assert.Equal(("up", (string?)null, T0, T0 + (5 * Minute)), (eth1.Oper, eth1.Admin, eth1.Since, eth1.Until));
    }

    [Fact]
    public async Task Status_Element_OnlyThatElement()
    {
        await using var host = await ApiHost.StartAsync();
        WriteStates(host);

        var body = await ProblemAssert.GetJsonAsync(host, $"/api/v1/status?element=eth1&{Window}", ApiJson.Default.StatusListDto);

        Assert.Equal("eth1", Assert.Single(body.Elements).Element);
    }

    [Fact]
    public async Task Status_DefaultRange_LastHourUntilNow()
    {
        var clock = new FakeTimeProvider(T0Time.AddMinutes(90));
        await using var host = await ApiHost.StartAsync(time: clock);
        WriteStates(host);

        var body = await ProblemAssert.GetJsonAsync(host, "/api/v1/status", ApiJson.Default.StatusListDto);

        Assert.Equal((T0 + (30 * Minute), T0 + (90 * Minute)), (body.From, body.To));
        Assert.Empty(body.Elements);
    }

    [Theory]
    [InlineData("from=x", "from")]
    [InlineData("to=-5", "to")]
    [InlineData("element=a&element=b", "element")]
    [InlineData("name=eth0", "name")]
    [InlineData("tag=a=b", "tag")]
    public async Task Status_BadParameter_400NamesIt(string parameters, string parameter)
    {
        await using var host = await ApiHost.StartAsync();

        await ProblemAssert.GetAsync(host, $"/api/v1/status?{parameters}", HttpStatusCode.BadRequest, parameter);
    }
}
