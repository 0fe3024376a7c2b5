using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fathom.Api.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Api.Tests;

public sealed partial class OpenApiEndpointTests
{
    // Routes other branches of issue 10 add (fix-metrics: /metrics; fix-admin: /api/v1/reload;
    // fix-web: the dashboard). The document describes them already; until they are mapped here they
    // may be missing from the app. Once mapped, they are checked like every other route.
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    [Fact]
    public async Task OpenApi_Get_OpenApi31Document()
    {
        await using var host = await ApiHost.StartAsync();

        using var response = await host.Client.GetAsync(new Uri("/openapi.json", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(30));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("3.1.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("bearer", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearerAuth").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task OpenApi_Routes_EveryMappedRouteDocumentedAndEveryDocumentedRouteMapped()
    {
        await using var host = await ApiHost.StartAsync();
        using var document = JsonDocument.Parse(Endpoints.OpenApiEndpoints.Load());

        var mapped = MappedRoutes(host);
        var documented = DocumentedRoutes(document);

        Assert.Empty(mapped.Except(documented));
        Assert.Empty(documented.Except(mapped));
        Assert.Contains("GET /api/v1/query", mapped);
        Assert.Contains("GET /openapi.json", mapped);
    }

    [Fact]
    public void OpenApi_Document_AdminOperationsNeedBearerAndEveryOperationAnswersProblems()
    {
        using var document = JsonDocument.Parse(Endpoints.OpenApiEndpoints.Load());

        foreach (var (route, operation) in Operations(document))
        {
            var admin = route.StartsWith("POST ", StringComparison.Ordinal);
            Assert.True(admin == operation.TryGetProperty("security", out _), $"{route}: admin operations (and only they) name bearerAuth");
            var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            if (route.Contains("/api/v1/", StringComparison.Ordinal) && route != "GET /api/v1/collectors")
            {
                Assert.True(responses.Any(r => r.StartsWith('4')), $"{route}: documents its problem responses");
            }
        }

        // Every $ref resolves.
        var text = document.RootElement.GetRawText();
        foreach (Match m in RefPattern().Matches(text))
        {
            var node = document.RootElement;
            foreach (var part in m.Groups[1].Value.Split('/'))
            {
                Assert.True(node.TryGetProperty(part, out node), $"unresolved $ref #/{m.Groups[1].Value}");
            }
        }
    }

    private static HashSet<string> MappedRoutes(ApiHost host)
    {
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in host.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (pattern.StartsWith("{*", StringComparison.Ordinal))
            {
                continue; // the fallback: every unknown path gets a 404 problem
            }

            var path = "/" + ParameterPattern().Replace(pattern.TrimStart('/'), "{$1}");
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                routes.Add($"{method} {path}");
            }
        }

        return routes;
    }

    private static HashSet<string> DocumentedRoutes(JsonDocument document) =>
        [.. Operations(document).Select(o => o.Route)];

    private static IEnumerable<(string Route, JsonElement Operation)> Operations(JsonDocument document)
    {
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                yield return ($"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value);
            }
        }
    }

    // {id}, {id:int}, {*path}, {**path} → {name}, as OpenAPI writes path parameters.
    [GeneratedRegex(@"\{\**([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex("\"\\$ref\":\\s*\"#/([^\"]+)\"")]
    private static partial Regex RefPattern();
}
