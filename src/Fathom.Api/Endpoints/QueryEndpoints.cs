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
        app.MapGet("/api/v1/query", (HttpRequest http) => Handle(http, api));

    private static Task<IResult> Handle(HttpRequest http, ApiContext api)
    {
        QueryRequest request;
        try
        {
            request = QueryRequest.Read(http.Query, api.Time);
        }
        catch (BadParameterException e)
        {
            return Task.FromResult(e.ToProblem());
        }

        return ArchiveAccess.ReadAsync(http.HttpContext, api, request, Run);
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
            PointLimit.CheckRawEstimate(q, Selected(reader, q), maxPoints);
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

    // The series a raw query will read, with their point counts and first/last times.
    private static List<SeriesInfo> Selected(IArchiveReader reader, QueryRequest q)
    {
        var selected = new List<SeriesInfo>();
        foreach (var info in reader.ListSeries(q.Name))
        {
            if (HasTags(info.Key, q.Tags))
            {
                selected.Add(info);
            }
        }

        return selected.Count == 0 ? throw NoSeries(q) : selected;
    }

    private static bool HasTags(Core.Measurements.SeriesKey key, KeyValuePair<string, string>[] tags)
    {
        foreach (var tag in tags)
        {
            if (key.Tag(tag.Key) != tag.Value)
            {
                return false;
            }
        }

        return true;
    }

    private static BadParameterException NoSeries(QueryRequest q) =>
        new("name", $"no series matches {q.Selector} (see /api/v1/series)", StatusCodes.Status404NotFound);
}
