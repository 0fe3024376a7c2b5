using Fathom.Api.Hosting;
using Fathom.Api.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Api.Endpoints;

/// <summary>GET /metrics: Prometheus text 0.0.4, or OpenMetrics 1.0.0 when the Accept header prefers it.</summary>
internal static class MetricsEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ApiContext api)
    {
        app.MapGet("/metrics", async (HttpContext http) =>
        {
            var format = MetricsNegotiation.Choose(http.Request.Headers.Accept.ToString());
            using var buffer = api.Metrics.Render(format);
            var response = http.Response;
            response.ContentType = MetricsNegotiation.ContentType(format);
            response.ContentLength = buffer.Length;
            response.Headers.Vary = "Accept";
            await response.Body.WriteAsync(buffer.Written, http.RequestAborted).ConfigureAwait(false);
        });
    }
}
