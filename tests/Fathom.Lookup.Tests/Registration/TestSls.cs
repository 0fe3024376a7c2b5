using System.Collections.Concurrent;
using Fathom.Lookup.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Tests.Registration;

/// <summary>
/// A small sLS on real Kestrel (127.0.0.1, port 0) for the registrar's unit tests: register,
/// renew, delete, get, with expires from the test's clock; it can forget everything or fail.
/// </summary>
internal sealed class TestSls : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestSls(WebApplication app, TimeProvider time)
    {
        _app = app;
        Time = time;
    }

    public TimeProvider Time { get; }

    public ConcurrentDictionary<string, LookupRecord> Records { get; } = new();

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>When set, every request gets this status.</summary>
    public int? FailWith { get; set; }

    /// <summary>When set, every request gets this status and JSON body.</summary>
    public (int Status, string Body)? Canned { get; set; }

    public Uri Url => new(_app.Urls.First() + "/lookup/records");

    public int Count(string prefix) => Requests.Count(r => r.StartsWith(prefix, StringComparison.Ordinal));

    public static async Task<TestSls> StartAsync(TimeProvider time)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sls = new TestSls(app, time);
        app.Use(async (context, next) =>
        {
            if (sls.Canned is { } canned)
            {
                context.Response.StatusCode = canned.Status;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(canned.Body);
                return;
            }

            await next(context);
        });
        app.MapPost("/lookup/records", async c => await (await sls.RegisterAsync(c)).ExecuteAsync(c));
        app.MapPost("/lookup/{type}/{id}", async c => await (await sls.RenewAsync(Route(c, "type"), Route(c, "id"), c)).ExecuteAsync(c));
        app.MapDelete("/lookup/{type}/{id}", async c => await sls.Delete(Route(c, "type"), Route(c, "id")).ExecuteAsync(c));
        app.MapGet("/lookup/{type}/{id}", async c => await sls.Get(Route(c, "type"), Route(c, "id")).ExecuteAsync(c));
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return sls;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _app.DisposeAsync();
    }

    private async Task<IResult> RegisterAsync(HttpContext context)
    {
        Requests.Enqueue("register");
        if (FailWith is { } status)
        {
            return Results.StatusCode(status);
        }

        var body = await ReadAsync(context);
        if (!LookupRecordJson.TryParse(body, out var record, out var error) || record.Type is null)
        {
            return Results.BadRequest(error);
        }

        var uri = $"lookup/{record.Type}/{Guid.NewGuid()}";
        record.Set(LookupKeys.Uri, uri).Set(LookupKeys.State, "registered");
        SetExpires(record, record.First(LookupKeys.Ttl));
        Records[uri] = record;
        return Reply(record);
    }

    private async Task<IResult> RenewAsync(string type, string id, HttpContext context)
    {
        Requests.Enqueue("renew");
        if (FailWith is { } status)
        {
            return Results.StatusCode(status);
        }

        var body = await ReadAsync(context);
        if (!Records.TryGetValue($"lookup/{type}/{id}", out var record))
        {
            return Results.NotFound();
        }

        _ = LookupRecordJson.TryParse(body, out var renew, out _);
        record.Set(LookupKeys.State, "renewed");
        SetExpires(record, renew.First(LookupKeys.Ttl));
        return Reply(record);
    }

    private IResult Delete(string type, string id)
    {
        Requests.Enqueue("delete");
        if (FailWith is { } status)
        {
            return Results.StatusCode(status);
        }

        return Records.TryRemove($"lookup/{type}/{id}", out var record) ? Reply(record.Set(LookupKeys.State, "deleted")) : Results.NotFound();
    }

    private IResult Get(string type, string id) =>
        Records.TryGetValue($"lookup/{type}/{id}", out var record) ? Reply(record) : Results.NotFound();

    private void SetExpires(LookupRecord record, string? ttl)
    {
        var lease = IsoDuration.TryParse(ttl, out var t) ? t : TimeSpan.FromHours(2);
        // Joda's form, as the Java server writes it.
        record.Set(LookupKeys.Expires, (Time.GetUtcNow() + lease).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Route(HttpContext context, string name) => (string)context.Request.RouteValues[name]!;

    private static IResult Reply(LookupRecord record) => Results.Bytes(LookupRecordJson.ToUtf8(record, serverScalars: true), "application/json");

    private static async Task<byte[]> ReadAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
