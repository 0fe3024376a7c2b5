using System.Globalization;
using Fathom.Api.Client.Wire;
using Fathom.Api.Hosting;
using Fathom.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Api.Endpoints;

/// <summary>
/// GET /api/v1/status: each element with its current state (its newest range in the window) and its
/// ranges overlapping [from, to], oldest first, as `fathom status` lists them.
/// </summary>
internal static class StatusEndpoints
{
    private static readonly string[] SingleValued = ["element", "from", "to"];

    public static void Map(IEndpointRouteBuilder app, ApiContext api) =>
        app.MapGet("/api/v1/status", (HttpRequest request) => Handle(request, api));

    private static Task<IResult> Handle(HttpRequest request, ApiContext api)
    {
        (string? Element, long From, long To) q;
        try
        {
            var query = request.Query;
            QueryParameters.Check(query, SingleValued, []);
            var (from, to) = QueryParameters.Range(query, api.Time, "-1h", "now");
            q = (QueryParameters.Single(query, "element"), from, to);
        }
        catch (BadParameterException e)
        {
            return Task.FromResult(e.ToProblem());
        }

        return ArchiveAccess.ReadAsync(request.HttpContext, api, q, static (reader, q, maxPoints) =>
        {
            var ranges = reader.ListStatus(q.Element, q.From, q.To);
            if (ranges.Count > maxPoints)
            {
                throw new BadParameterException("from", string.Create(CultureInfo.InvariantCulture,
                    $"the range holds {QueryParameters.Count(ranges.Count)} status ranges, over the limit of {QueryParameters.Count(maxPoints)} (max_points in <api>): ask for a shorter range (from, to) or one element"));
            }

            return Results.Json(new StatusListDto(q.From, q.To, Group(ranges)), ApiJson.Default.StatusListDto);
        });
    }

    // The read port orders ranges by element, then start: each element's ranges are one run.
    private static List<StatusElementDto> Group(IReadOnlyList<StatusRange> ranges)
    {
        var elements = new List<StatusElementDto>();
        var start = 0;
        while (start < ranges.Count)
        {
            var end = start;
            while (end + 1 < ranges.Count && ranges[end + 1].Element == ranges[start].Element)
            {
                end++;
            }

            var list = new List<StatusRangeDto>(end - start + 1);
            for (var i = start; i <= end; i++)
            {
                list.Add(new StatusRangeDto(ranges[i].StartNs, ranges[i].EndNs, ranges[i].Oper, ranges[i].Admin));
            }

            var current = ranges[end];
            elements.Add(new StatusElementDto(current.Element, current.Oper, current.Admin, current.StartNs, current.EndNs, list));
            start = end + 1;
        }

        return elements;
    }
}
