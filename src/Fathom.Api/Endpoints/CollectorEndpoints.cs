using Fathom.Api.Client.Wire;
using Fathom.Api.Hosting;
using Fathom.Api.Problems;
using Fathom.Core.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Api.Endpoints;

/// <summary>GET /api/v1/collectors (the supervisor's snapshot); POST /api/v1/collectors/{id}/run (admin: run now, out of schedule).</summary>
internal static class CollectorEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ApiContext api)
    {
        app.MapGet("/api/v1/collectors", () =>
            Results.Json(
                new CollectorListDto([.. api.Daemon.Collectors().Select(ToDto)], api.Settings.Token is not null) { Archives = api.Daemon.Archives() },
                ApiJson.Default.CollectorListDto));

        app.MapGet("/api/v1/collectors/{id}", (string id) =>
            api.Daemon.Collectors().FirstOrDefault(c => c.Id == id) is { } c
                ? Results.Json(ToDto(c), ApiJson.Default.CollectorDto)
                : Problem.NotFound($"no collector '{id}' (see /api/v1/collectors)", "id"));

        app.MapPost("/api/v1/collectors/{id}/run", async (string id, HttpContext http) =>
        {
            if (AdminAuth.Refuse(http, api) is { } refused)
            {
                return refused;
            }

            return await api.Daemon.RunNowAsync(id, http.RequestAborted).ConfigureAwait(false) switch
            {
                RunNowResult.Started => Results.Json(
                    api.Daemon.Collectors().FirstOrDefault(c => c.Id == id) is { } c ? ToDto(c) : null,
                    ApiJson.Default.CollectorDto,
                    statusCode: StatusCodes.Status202Accepted),
                RunNowResult.Unknown => Problem.NotFound($"no collector '{id}' (see /api/v1/collectors)", "id"),
                RunNowResult.Busy => Problem.Conflict($"collector '{id}' is running now; runs never overlap: try again when it ends"),
                _ => Problem.Conflict($"collector '{id}' is not running (stopped or restarting)"),
            };
        });
    }

    public static CollectorDto ToDto(CollectorSnapshot c) => new(
        c.Id,
        c.Module,
        c.Interval.TotalSeconds,
        c.Schedule.ToString().ToLowerInvariant(),
        c.Isolation.ToString().ToLowerInvariant(),
        c.State.ToString().ToLowerInvariant(),
        c.LastRun is { } r ? new CollectorRunDto(r.Start, r.Duration.TotalMilliseconds, r.Error) : null,
        c.Runs,
        c.Failures,
        c.Timeouts,
        c.Overruns,
        c.Restarts,
        c.RunningSince,
        c.NextRun,
        c.ChildPid,
        c.ManualRuns);
}
