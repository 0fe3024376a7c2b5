using Fathom.Api.Client.Wire;
using Fathom.Api.Hosting;
using Fathom.Api.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Api.Endpoints;

/// <summary>POST /api/v1/reload (admin): the configuration file read again, as SIGHUP does; a rejected one leaves the running configuration in force.</summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ApiContext api)
    {
        app.MapPost("/api/v1/reload", async (HttpContext http) =>
        {
            if (AdminAuth.Refuse(http, api) is { } refused)
            {
                return refused;
            }

            var result = await api.Daemon.ReloadAsync(http.RequestAborted).ConfigureAwait(false);
            if (result.Unavailable is { } why)
            {
                return Problem.Unavailable($"cannot reload: {why}");
            }

            return result.Applied is { } applied
                ? Results.Json(applied, ApiJson.Default.ReloadDto)
                : Problem.Make(
                    StatusCodes.Status422UnprocessableEntity,
                    "config-invalid",
                    "Configuration rejected",
                    $"the configuration has {result.Errors.Count} error(s); the running configuration is kept: {string.Join("; ", result.Errors)}",
                    null,
                    result.Errors);
        });
    }
}
