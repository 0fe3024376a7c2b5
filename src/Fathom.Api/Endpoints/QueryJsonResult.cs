using System.IO.Pipelines;
using System.Text.Json;
using Fathom.Core.Storage;
using Microsoft.AspNetCore.Http;

namespace Fathom.Api.Endpoints;

/// <summary>
/// Writes a query's answer (the wire shape of QueryResultDto: columns t and v per series) straight
/// from the reader's points into the response pipe: no DTO arrays, no nullable boxes, flushed in
/// chunks so a large answer never sits whole in memory twice.
/// </summary>
internal sealed class QueryJsonResult(QueryRequest request, IReadOnlyList<SeriesPoints> series, IReadOnlyList<string> problems, bool countUnit) : IResult
{
    private const int FlushBytes = 32 * 1024;

    private static readonly JsonEncodedText From = JsonEncodedText.Encode("from");
    private static readonly JsonEncodedText To = JsonEncodedText.Encode("to");
    private static readonly JsonEncodedText Step = JsonEncodedText.Encode("step");
    private static readonly JsonEncodedText Agg = JsonEncodedText.Encode("agg");
    private static readonly JsonEncodedText Series = JsonEncodedText.Encode("series");
    private static readonly JsonEncodedText Problems = JsonEncodedText.Encode("problems");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Unit = JsonEncodedText.Encode("unit");
    private static readonly JsonEncodedText Tags = JsonEncodedText.Encode("tags");
    private static readonly JsonEncodedText Key = JsonEncodedText.Encode("key");
    private static readonly JsonEncodedText T = JsonEncodedText.Encode("t");
    private static readonly JsonEncodedText V = JsonEncodedText.Encode("v");
    private static readonly JsonEncodedText[] AggNames =
        [.. Enum.GetValues<Aggregation>().Select(a => JsonEncodedText.Encode(a.ToString().ToLowerInvariant()))];

    private static readonly JsonWriterOptions Options = new() { SkipValidation = true };

    [ThreadStatic]
    private static Utf8JsonWriter? t_cached;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.ContentType = "application/json; charset=utf-8";
        var pipe = response.BodyWriter;
        var json = t_cached ?? new Utf8JsonWriter(pipe, Options);
        t_cached = null;
        json.Reset(pipe);
        try
        {
            json.WriteStartObject();
            json.WriteNumber(From, request.FromNs);
            json.WriteNumber(To, request.ToNs);
            if (request.StepNs is { } step)
            {
                json.WriteNumber(Step, step);
                json.WriteString(Agg, AggNames[(int)request.Aggregation]);
            }

            json.WriteStartArray(Series);
            foreach (var s in series)
            {
                WriteHead(json, s, countUnit);
                var points = s.Points;
                json.WriteStartArray(T);
                for (var i = 0; i < points.Count; i++)
                {
                    json.WriteNumberValue(points[i].TimeNs);
                    if (json.BytesPending > FlushBytes)
                    {
                        await FlushAsync(json, pipe).ConfigureAwait(false);
                    }
                }

                json.WriteEndArray();
                json.WriteStartArray(V);
                for (var i = 0; i < points.Count; i++)
                {
                    var v = points[i].Value;
                    if (double.IsFinite(v))
                    {
                        json.WriteNumberValue(v);
                    }
                    else
                    {
                        json.WriteNullValue();
                    }

                    if (json.BytesPending > FlushBytes)
                    {
                        await FlushAsync(json, pipe).ConfigureAwait(false);
                    }
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray(Problems);
            foreach (var p in problems)
            {
                json.WriteStringValue(p);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            await FlushAsync(json, pipe).ConfigureAwait(false);
        }
        finally
        {
            json.Reset(Stream.Null);
            t_cached = json;
        }
    }

    private static void WriteHead(Utf8JsonWriter json, SeriesPoints s, bool countUnit)
    {
        json.WriteStartObject();
        json.WriteString(Name, s.Key.Name);
        json.WriteString(Unit, countUnit ? Core.Measurements.Units.Count : s.Key.Unit);
        json.WriteStartObject(Tags);
        foreach (var tag in s.Key.Tags)
        {
            json.WriteString(tag.Key, tag.Value);
        }

        json.WriteEndObject();
        json.WriteString(Key, s.Key.Canonical);
    }

    private static async ValueTask FlushAsync(Utf8JsonWriter json, PipeWriter pipe)
    {
        json.Flush();
        await pipe.FlushAsync().ConfigureAwait(false);
    }
}
