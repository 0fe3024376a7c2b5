using System.Net;
using System.Net.Http.Json;
using Fathom.Api.Client.Wire;
using Fathom.Api.Tests.Support;

namespace Fathom.Api.Tests;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Healthz_Running_AnswersOk()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.Client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_ArchiveRefusing_503NamesTheFailedCheck()
    {
        await using var host = await ApiHost.StartAsync();
        host.Daemon.Checks[1] = new ReadinessCheckDto("archive", false, "the archive refuses writes: disk full");

        var response = await host.Client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync(ApiJson.Default.ReadinessDto);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.False(body!.Ready);
        Assert.Contains(body.Checks, c => c is { Name: "archive", Ok: false, Detail: "the archive refuses writes: disk full" });
    }

    [Fact]
    public async Task Readyz_AllChecksPass_200()
    {
        await using var host = await ApiHost.StartAsync();

        var body = await host.Client.GetFromJsonAsync(new Uri("/readyz", UriKind.Relative), ApiJson.Default.ReadinessDto);

        Assert.True(body!.Ready);
        Assert.Equal(["config", "archive", "collectors"], body.Checks.Select(c => c.Name));
    }

    [Fact]
    public async Task UnknownPath_404ProblemDocument()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.Client.GetAsync(new Uri("/api/v1/nope", UriKind.Relative));
        var problem = await response.Content.ReadFromJsonAsync(ApiJson.Default.ProblemDto);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(404, problem!.Status);
    }
}
