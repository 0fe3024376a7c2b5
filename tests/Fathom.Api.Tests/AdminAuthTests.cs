using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Fathom.Api.Client.Wire;
using Fathom.Api.Tests.Support;

namespace Fathom.Api.Tests;

/// <summary>Admin endpoints need "Authorization: Bearer TOKEN" (the token of token_file); without a token_file they are off (403).</summary>
public sealed class AdminAuthTests
{
    public static TheoryData<string> AdminPaths => ["/api/v1/reload", "/api/v1/collectors/c1/run"];

    [Theory]
    [MemberData(nameof(AdminPaths))]
    public async Task Admin_NoAuthorizationHeader_401WithWwwAuthenticate(string path)
    {
        await using var host = await StartWithToken();

        var response = await host.Client.PostAsync(new Uri(path, UriKind.Relative), null);
        var problem = await response.Content.ReadFromJsonAsync(ApiJson.Default.ProblemDto);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Authorization: Bearer", problem!.Detail, StringComparison.Ordinal);
        Assert.Equal(0, host.Daemon.Reloads);
        Assert.Empty(host.Daemon.RunRequests);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdeX")] // same length, last character differs
    [InlineData("0123456789abcdef")] // a prefix: shorter
    [InlineData("0123456789abcdef0123456789abcdef0")] // longer
    public async Task Admin_WrongToken_401InvalidToken(string token)
    {
        await using var host = await StartWithToken();

        var response = await Post(host, "/api/v1/reload", "Bearer " + token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, host.Daemon.Reloads);
    }

    [Theory]
    [InlineData("Basic " + ApiHost.Token)]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData(ApiHost.Token)]
    public async Task Admin_NotABearerToken_401(string authorization)
    {
        await using var host = await StartWithToken();

        var response = await Post(host, "/api/v1/reload", authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, host.Daemon.Reloads);
    }

    [Fact]
    public async Task Admin_RightToken_Accepted()
    {
        await using var host = await StartWithToken();

        var reload = await Post(host, "/api/v1/reload", "Bearer " + ApiHost.Token);
        var run = await Post(host, "/api/v1/collectors/c1/run", "bearer " + ApiHost.Token); // the scheme is case-insensitive

        Assert.Equal(HttpStatusCode.OK, reload.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        Assert.Equal(1, host.Daemon.Reloads);
        Assert.Equal(["c1"], host.Daemon.RunRequests);
    }

    [Theory]
    [MemberData(nameof(AdminPaths))]
    public async Task Admin_NoTokenConfigured_403EvenWithAHeader(string path)
    {
        await using var host = await ApiHost.StartAsync();
        host.Daemon.Snapshots.Add(Snapshots.Idle("c1"));

        var response = await Post(host, path, "Bearer " + ApiHost.Token);
        var problem = await response.Content.ReadFromJsonAsync(ApiJson.Default.ProblemDto);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("token_file", problem!.Detail, StringComparison.Ordinal);
        Assert.Equal(0, host.Daemon.Reloads);
        Assert.Empty(host.Daemon.RunRequests);
    }

    [Fact]
    public async Task Collectors_TokenConfigured_CanRunTrue_WithoutToken_False()
    {
        await using var with = await StartWithToken();
        await using var without = await ApiHost.StartAsync();

        Assert.True((await with.Client.GetFromJsonAsync(new Uri("/api/v1/collectors", UriKind.Relative), ApiJson.Default.CollectorListDto))!.CanRun);
        Assert.False((await without.Client.GetFromJsonAsync(new Uri("/api/v1/collectors", UriKind.Relative), ApiJson.Default.CollectorListDto))!.CanRun);
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_413Problem()
    {
        await using var host = await StartWithToken();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/reload", UriKind.Relative))
        {
            Content = new ByteArrayContent(new byte[Hosting.ApiServer.MaxRequestBodyBytes + 1]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiHost.Token);

        var response = await host.Client.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync(ApiJson.Default.ProblemDto);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, problem!.Status);
        Assert.Contains("65536", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(0, host.Daemon.Reloads);
    }

    [Fact]
    public async Task Post_BodyAtTheLimit_Accepted()
    {
        await using var host = await StartWithToken();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/reload", UriKind.Relative))
        {
            Content = new ByteArrayContent(new byte[Hosting.ApiServer.MaxRequestBodyBytes]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiHost.Token);

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    internal static async Task<ApiHost> StartWithToken()
    {
        var host = await ApiHost.StartAsync(s => s with { TokenFile = "/etc/fathom/token", Token = ApiHost.Token });
        host.Daemon.Snapshots.Add(Snapshots.Idle("c1"));
        return host;
    }

    internal static async Task<HttpResponseMessage> Post(ApiHost host, string path, string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await host.Client.SendAsync(request);
    }
}
