using System.Net;
using System.Net.Http.Json;
using Fathom.Api.Client.Wire;
using Fathom.Api.Hosting;
using Fathom.Api.Tests.Support;

namespace Fathom.Api.Tests;

/// <summary>POST /api/v1/collectors/{id}/run and POST /api/v1/reload, with the right token, for every answer the daemon can give.</summary>
public sealed class AdminEndpointTests
{
    private const string Bearer = "Bearer " + ApiHost.Token;

    [Fact]
    public async Task RunNow_Started_202WithTheCollector()
    {
        await using var host = await AdminAuthTests.StartWithToken();

        var response = await AdminAuthTests.Post(host, "/api/v1/collectors/c1/run", Bearer);
        var body = await response.Content.ReadFromJsonAsync(ApiJson.Default.CollectorDto);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(("c1", "ping", 2L), (body!.Id, body.Module, body.ManualRuns));
    }

    [Theory]
    [InlineData(RunNowResult.Busy, HttpStatusCode.Conflict, "runs never overlap")]
    [InlineData(RunNowResult.Unavailable, HttpStatusCode.Conflict, "not running")]
    public async Task RunNow_Refused_409Problem(RunNowResult result, HttpStatusCode status, string says)
    {
        await using var host = await AdminAuthTests.StartWithToken();
        host.Daemon.OnRunNow = _ => result;

        var response = await AdminAuthTests.Post(host, "/api/v1/collectors/c1/run", Bearer);
        var problem = await response.Content.ReadFromJsonAsync(ApiJson.Default.ProblemDto);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(says, problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunNow_UnknownCollector_404NamesIt()
    {
        await using var host = await AdminAuthTests.StartWithToken();

        var response = await AdminAuthTests.Post(host, "/api/v1/collectors/nope/run", Bearer);
        var problem = await response.Content.ReadFromJsonAsync(ApiJson.Default.ProblemDto);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(("id", true), (problem!.Parameter, problem.Detail!.Contains("'nope'", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunNow_Get_NotAllowed()
    {
        await using var host = await AdminAuthTests.StartWithToken();

        var response = await host.Client.GetAsync(new Uri("/api/v1/collectors/c1/run", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Daemon.RunRequests);
    }

    [Fact]
    public async Task Reload_Applied_200WithWhatWasApplied()
    {
        await using var host = await AdminAuthTests.StartWithToken();

        var response = await AdminAuthTests.Post(host, "/api/v1/reload", Bearer);
        var body = await response.Content.ReadFromJsonAsync(ApiJson.Default.ReloadDto);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/etc/fathom/fathom.conf", body!.Config);
        Assert.Equal(["c1"], body.Collectors);
        Assert.Equal(1, body.Kept);
    }

    [Fact]
    public async Task Reload_ConfigErrors_422ProblemListingEach()
    {
        await using var host = await AdminAuthTests.StartWithToken();
        host.Daemon.ReloadErrors = ["/etc/fathom/fathom.conf:3: unknown key 'colection_interval'", "/etc/fathom/fathom.conf:9: <collector p1> needs 'module'"];

        var response = await AdminAuthTests.Post(host, "/api/v1/reload", Bearer);
        var problem = await response.Content.ReadFromJsonAsync(ApiJson.Default.ProblemDto);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(422, problem!.Status);
        Assert.Equal(host.Daemon.ReloadErrors, problem.Errors);
        Assert.Contains("2 error(s)", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("running configuration is kept", problem.Detail, StringComparison.Ordinal);
    }
}
