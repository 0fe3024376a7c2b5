using Fathom.Api.Client.Wire;
using Fathom.Api.Hosting;
using Fathom.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Api.Endpoints;

/// <summary>GET /api/v1/series: the stored series (name glob, tags), each with its unit, point count and first/last time.</summary>
internal static class SeriesEndpoints
{
    private static readonly string[] SingleValued = ["name"];
    private static readonly string[] Repeatable = ["tag"];

    public static void Map(IEndpointRouteBuilder app, ApiContext api) =>
        app.MapGet("/api/v1/series", (HttpRequest request) => Handle(request, api));

    private static Task<IResult> Handle(HttpRequest request, ApiContext api)
    {
        string? name;
        KeyValuePair<string, string>[] tags;
        try
        {
            var query = request.Query;
            QueryParameters.Check(query, SingleValued, Repeatable);
            name = QueryParameters.Single(query, "name");
            tags = QueryParameters.Tags(query);
        }
        catch (BadParameterException e)
        {
            return Task.FromResult(e.ToProblem());
        }

        return ArchiveAccess.ReadAsync(request.HttpContext, api, (name, tags), static (reader, q, _) =>
        {
            var list = new List<SeriesDto>();
            foreach (var info in reader.ListSeries(q.name))
            {
                if (Matches(info, q.tags))
                {
                    list.Add(ToDto(info));
                }
            }

            return Results.Json(new SeriesListDto(list), ApiJson.Default.SeriesListDto);
        });
    }

    private static bool Matches(SeriesInfo info, KeyValuePair<string, string>[] tags)
    {
        foreach (var tag in tags)
        {
            if (info.Key.Tag(tag.Key) != tag.Value)
            {
                return false;
            }
        }

        return true;
    }

    private static SeriesDto ToDto(SeriesInfo info) => new(
        info.Key.Name,
        info.Key.Unit,
        WireTags.Of(info.Key.Tags),
        info.Key.Canonical,
        info.PointCount,
        info.FirstTimeNs,
        info.LastTimeNs);
}
