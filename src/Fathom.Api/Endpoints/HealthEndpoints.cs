using Fathom.Api.Client.Wire;
using Fathom.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Api.Endpoints;

/// <summary>/healthz: the process answers. /readyz: config loaded, archive writable, every collector started (503 otherwise, saying which check failed).</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ApiContext api)
    {
        app.MapGet("/healthz", static () => Results.Text("ok\n", "text/plain; charset=utf-8"));
        app.MapGet("/readyz", () =>
        {
            var checks = api.Daemon.Readiness();
            var ready = checks.All(c => c.Ok);
            return Results.Json(new ReadinessDto(ready, checks), ApiJson.Default.ReadinessDto, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }
}
