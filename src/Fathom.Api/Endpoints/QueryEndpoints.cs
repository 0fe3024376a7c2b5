using Fathom.Api.Hosting;
using Fathom.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Api.Endpoints;

/// <summary>
/// GET /api/v1/query: the archive's query engine through the read port, raw or in step-wide
/// buckets, with the CLI's time syntax; bounded by max_points before the archive is read.
/// </summary>
internal static class QueryEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ApiContext api) =>
        app.MapGet("/api/v1/query", (HttpContext http) => Handle(http, api));

    private static IResult Handle(HttpContext http, ApiContext api)
    {
        QueryRequest request;
        try
        {
            request = QueryRequest.Read(http.Request.Query, api.Time);
        }
        catch (BadParameterException e)
        {
            return e.ToProblem();
        }

        return ArchiveAccess.Read(api, request, Run);
    }

    private static IResult Run(IArchiveReader reader, QueryRequest q, int maxPoints)
    {
        IReadOnlyList<SeriesPoints> result;
        if (q.StepNs is { } step)
        {
            var series = CountSeries(reader, q);
            PointLimit.CheckBuckets(q, series, step, maxPoints);
            result = reader.Query(q.Name, q.Tags, q.FromNs, q.ToNs, step, q.Aggregation);
        }
        else
        {
            result = reader.Query(q.Name, q.Tags, q.FromNs, q.ToNs);
            if (result.Count == 0)
            {
                throw NoSeries(q);
            }

            PointLimit.CheckRaw(q, result, maxPoints);
        }

        // A count of points is a count, whatever the series measures (as the CLI says it).
        return new QueryJsonResult(q, result, reader.LastQueryProblems, q.StepNs is not null && q.Aggregation == Aggregation.Count);
    }

    // The series the query will read, counted before any point is: the estimate needs it.
    private static int CountSeries(IArchiveReader reader, QueryRequest q)
    {
        var count = reader.CountSeries(q.Name, q.Tags);
        return count == 0 ? throw NoSeries(q) : count;
    }

    private static BadParameterException NoSeries(QueryRequest q) =>
        new("name", $"no series matches {q.Selector} (see /api/v1/series)", StatusCodes.Status404NotFound);
}
