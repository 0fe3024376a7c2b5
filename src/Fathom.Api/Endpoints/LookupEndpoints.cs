using Fathom.Api.Client.Wire;
using Fathom.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Api.Endpoints;

/// <summary>/api/v1/lookup: the lookup registrar's servers and records (enabled false without a &lt;lookup&gt; block).</summary>
internal static class LookupEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ApiContext api) =>
        app.MapGet("/api/v1/lookup", () => api.Sources.Lookup is { } lookup
            ? Results.Json(lookup(), ApiJson.Default.LookupStatusDto)
            : Problems.Problem.NotFound("this daemon has no lookup registrar"));
}
