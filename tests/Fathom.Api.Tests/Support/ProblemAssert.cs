using System.Net;
using Fathom.Api.Client.Wire;

namespace Fathom.Api.Tests.Support;

/// <summary>Asks for a path and checks the answer is an RFC 9457 problem with this status and parameter.</summary>
internal static class ProblemAssert
{
    public static async Task<ProblemDto> GetAsync(ApiHost host, string path, HttpStatusCode status, string? parameter)
    {
        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(30));
        var body = await response.Content.ReadAsStringAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(status == response.StatusCode, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = System.Text.Json.JsonSerializer.Deserialize(body, ApiJson.Default.ProblemDto)!;
        Assert.Equal((int)status, problem.Status);
        Assert.Equal(parameter, problem.Parameter);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return problem;
    }

    public static async Task<T> GetJsonAsync<T>(ApiHost host, string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(30));
        var body = await response.Content.ReadAsStringAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return System.Text.Json.JsonSerializer.Deserialize(body, type)!;
    }
}
