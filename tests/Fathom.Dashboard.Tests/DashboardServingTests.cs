using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fathom.Dashboard.Tests.Support;

namespace Fathom.Dashboard.Tests;

/// <summary>How fathomd serves the embedded dashboard over HTTP: content types, caching, deep links, 404s.</summary>
[Collection("dashboard")]
public sealed partial class DashboardServingTests(DashboardFixture fixture) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(fixture.Host.BaseUrl), Timeout = TimeSpan.FromSeconds(15) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Index_IsHtml_NoCache_WithAnETagThatRevalidates()
    {
        using var response = await _http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.NotNull(response.Headers.ETag);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches(AssetReference(), html);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var revalidated = await _http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Theory]
    [InlineData("/collectors/loopback-ping")]
    [InlineData("/collectors/no-such-collector")]
    [InlineData("/?view=anything&r=7d")]
    [InlineData("/index.html")]
    public async Task DeepLinks_LoadTheIndex(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"app\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assets_HaveTheirContentType_AndAreImmutable()
    {
        var html = await _http.GetStringAsync(new Uri("/", UriKind.Relative));
        var assets = AssetReference().Matches(html).Select(m => m.Value).ToList();
        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            using var response = await _http.GetAsync(new Uri(asset, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(asset.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript" : "text/css", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
            Assert.Contains("immutable", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 1000);
        }
    }

    [Theory]
    [InlineData("/assets/app-NOSUCHHASH.js")]
    [InlineData("/assets/app-NOSUCHHASH.css")]
    [InlineData("/assets/")]
    public async Task UnknownAsset_IsA404Problem(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task ApiPaths_AreNotTakenByTheDashboard()
    {
        using var response = await _http.GetAsync(new Uri("/api/v1/nosuch", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var collectors = await _http.GetAsync(new Uri("/api/v1/collectors", UriKind.Relative));
        Assert.Equal(new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }.MediaType, collectors.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("/assets/app-[A-Z0-9]+\\.(js|css)")]
    private static partial Regex AssetReference();
}
