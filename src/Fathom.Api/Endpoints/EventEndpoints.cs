using System.Globalization;
using System.Text.Json;
using Fathom.Api.Client.Wire;
using Fathom.Api.Hosting;
using Fathom.Core.Measurements;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Api.Endpoints;

/// <summary>GET /api/v1/events: structured results (a traceroute path, a failure reason) in a time range, as `fathom events`.</summary>
internal static class EventEndpoints
{
    private static readonly string[] SingleValued = ["name", "from", "to"];
    private static readonly string[] Repeatable = ["tag"];

    public static void Map(IEndpointRouteBuilder app, ApiContext api) =>
        app.MapGet("/api/v1/events", (HttpRequest request) => Handle(request, api));

    private static Task<IResult> Handle(HttpRequest request, ApiContext api)
    {
        (string? Name, KeyValuePair<string, string>[] Tags, long From, long To) q;
        try
        {
            var query = request.Query;
            QueryParameters.Check(query, SingleValued, Repeatable);
            var (from, to) = QueryParameters.Range(query, api.Time, "-1h", "now");
            q = (QueryParameters.Single(query, "name"), QueryParameters.Tags(query), from, to);
        }
        catch (BadParameterException e)
        {
            return Task.FromResult(e.ToProblem());
        }

        return ArchiveAccess.ReadAsync(request.HttpContext, api, q, static (reader, q, maxPoints) =>
        {
            var events = reader.ListEvents(q.From, q.To, q.Name, q.Tags);
            if (events.Count > maxPoints)
            {
                throw new BadParameterException("from", string.Create(CultureInfo.InvariantCulture,
                    $"the range holds {QueryParameters.Count(events.Count)} events, over the limit of {QueryParameters.Count(maxPoints)} (max_points in <api>): ask for a shorter range (from, to), a name or tags"));
            }

            var list = new List<EventDto>(events.Count);
            foreach (var e in events)
            {
                list.Add(new EventDto(e.TimeUnixNs, e.Name, WireTags.Of(e.Tags), Data(e)));
            }

            return Results.Json(new EventListDto(q.From, q.To, list), ApiJson.Default.EventListDto);
        });
    }

    // A collector's JSON document as it was stored; text that is not JSON is passed on as a string, never dropped.
    private static JsonElement Data(EventRecord e)
    {
        try
        {
            using var document = JsonDocument.Parse(e.Json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            using var text = JsonDocument.Parse($"\"{JsonEncodedText.Encode(e.Json)}\"");
            return text.RootElement.Clone();
        }
    }
}
