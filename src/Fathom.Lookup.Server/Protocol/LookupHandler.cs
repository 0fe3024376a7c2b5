using System.Globalization;
using System.Text;
using Fathom.Lookup.Records;
using Fathom.Lookup.Server.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Server.Protocol;

/// <summary>
/// The sLS REST protocol in one request delegate: paths are split by hand (no routing, so
/// <c>/lookup/records/?</c> and odd record types need no patterns), every refusal is a one-line
/// text/plain reason, and nothing a client sends can turn into a 500.
/// </summary>
internal sealed partial class LookupHandler(RecordStore store, LeasePolicy leases, TimeProvider time, int maxBodyBytes, ILogger log)
{
    private const string RecordsSegment = "records";
    private const string BulkUris = "record-uris";

    public async Task HandleAsync(HttpContext http)
    {
        try
        {
            await DispatchAsync(http).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own refusals (a body over its limit, a broken chunked body).
            await TextAsync(http, new BadRequest(e.StatusCode, e.Message)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (IOException e)
        {
            // The connection broke mid-body (a client reset): the client's doing, not the server's error.
            Log.ConnectionBroke(log, http.Request.Method, http.Request.Path.Value ?? "", e.Message);
        }
#pragma warning disable CA1031 // the last line of defence: a bug answers 500 with no stack trace, and the server keeps serving
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.RequestFailed(log, http.Request.Method, http.Request.Path.Value ?? "", e);
            if (!http.Response.HasStarted)
            {
                await TextAsync(http, new BadRequest(500, "internal error (logged by the server)")).ConfigureAwait(false);
            }
        }
    }

    private async Task DispatchAsync(HttpContext http)
    {
        var request = http.Request;
        var segments = (request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length is < 2 or > 4 || !segments[0].Equals("lookup", StringComparison.OrdinalIgnoreCase))
        {
            await TextAsync(http, new BadRequest(404, "no such resource: the lookup service lives under /lookup/")).ConfigureAwait(false);
            return;
        }

        if (segments.Length == 2 && segments[1] == RecordsSegment)
        {
            var task = request.Method switch
            {
                "POST" => RegisterAsync(http),
                "GET" => QueryAsync(http),
                "PUT" => BulkRenewAsync(http),
                _ => NotAllowedAsync(http, "GET, POST, PUT"),
            };
            await task.ConfigureAwait(false);
            return;
        }

        if (segments.Length == 2)
        {
            await TextAsync(http, new BadRequest(404, "no such resource: records are at /lookup/TYPE/UUID")).ConfigureAwait(false);
            return;
        }

        var uri = $"lookup/{segments[1]}/{segments[2]}";
        if (segments.Length == 4)
        {
            await (request.Method == "GET" ? GetKeyAsync(http, uri, segments[3]) : NotAllowedAsync(http, "GET")).ConfigureAwait(false);
            return;
        }

        var recordTask = request.Method switch
        {
            "POST" => RenewAsync(http, uri),
            "DELETE" => DeleteAsync(http, uri),
            "GET" => GetAsync(http, uri),
            _ => NotAllowedAsync(http, "GET, POST, DELETE"),
        };
        await recordTask.ConfigureAwait(false);
    }

    private async Task RegisterAsync(HttpContext http)
    {
        var (body, error) = await RequestBody.ReadAsync(http.Request, maxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (error is not null)
        {
            await RefuseAsync(http, error).ConfigureAwait(false);
            return;
        }

        if (!LookupRecordJson.TryParse(body, out var record, out var reason))
        {
            await RefuseAsync(http, BadRequest.Invalid(reason)).ConfigureAwait(false);
            return;
        }

        // The server assigns these; what a client sends for them is not content.
        record.Remove(LookupKeys.Uri);
        record.Remove(LookupKeys.Expires);
        record.Remove(LookupKeys.State);
        if (RecordValidator.Check(record) is { } invalid)
        {
            await RefuseAsync(http, BadRequest.Invalid(invalid)).ConfigureAwait(false);
            return;
        }

        if (!leases.TryGrant(record.First(LookupKeys.Ttl), out var lease, out var refusal))
        {
            await RefuseAsync(http, new BadRequest(403, refusal)).ConfigureAwait(false);
            return;
        }

        var stored = store.Register(record, record.Type!, lease, time.GetUtcNow(), out var duplicateOf);
        if (stored is null)
        {
            await RefuseAsync(http, new BadRequest(403, $"a live record with the same content is registered: {duplicateOf}")).ConfigureAwait(false);
            return;
        }

        Log.Registered(log, stored.Uri, lease);
        await JsonAsync(http, ServerJson.Record(stored.Record)).ConfigureAwait(false);
    }

    private async Task RenewAsync(HttpContext http, string uri)
    {
        var (body, error) = await RequestBody.ReadAsync(http.Request, maxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (error is not null)
        {
            await RefuseAsync(http, error).ConfigureAwait(false);
            return;
        }

        // Empty, {"ttl":[...]}, or a whole record (perfSONAR's reused client object): only the ttl counts.
        string? ttl = null;
        if (!RequestBody.IsBlank(body))
        {
            if (!LookupRecordJson.TryParse(body, out var request, out var reason))
            {
                await RefuseAsync(http, BadRequest.Invalid(reason)).ConfigureAwait(false);
                return;
            }

            if (request.Get(LookupKeys.Ttl).Count > 1)
            {
                await RefuseAsync(http, BadRequest.Invalid("key 'ttl' has more than one value")).ConfigureAwait(false);
                return;
            }

            ttl = request.First(LookupKeys.Ttl);
        }

        if (!leases.TryGrant(ttl, out var lease, out var refusal))
        {
            await RefuseAsync(http, new BadRequest(403, refusal)).ConfigureAwait(false);
            return;
        }

        var renewed = store.Renew(uri, string.IsNullOrEmpty(ttl) ? null : ttl, lease, time.GetUtcNow());
        if (renewed is null)
        {
            await RefuseAsync(http, NotFound(uri)).ConfigureAwait(false);
            return;
        }

        Log.Renewed(log, uri, lease);
        await JsonAsync(http, ServerJson.Record(renewed.Record)).ConfigureAwait(false);
    }

    private async Task DeleteAsync(HttpContext http, string uri)
    {
        var deleted = store.Delete(uri, time.GetUtcNow());
        if (deleted is null)
        {
            await RefuseAsync(http, NotFound(uri)).ConfigureAwait(false);
            return;
        }

        Log.Deleted(log, uri);
        await JsonAsync(http, ServerJson.Record(deleted.Record)).ConfigureAwait(false);
    }

    private async Task GetAsync(HttpContext http, string uri)
    {
        var stored = store.Find(uri, time.GetUtcNow());
        await (stored is null ? RefuseAsync(http, NotFound(uri)) : JsonAsync(http, ServerJson.Record(stored.Record))).ConfigureAwait(false);
    }

    private async Task GetKeyAsync(HttpContext http, string uri, string key)
    {
        var stored = store.Find(uri, time.GetUtcNow());
        if (stored is null)
        {
            await RefuseAsync(http, NotFound(uri)).ConfigureAwait(false);
        }
        else if (!stored.Record.Values.ContainsKey(key))
        {
            await RefuseAsync(http, new BadRequest(404, $"record {uri} has no key '{key}'")).ConfigureAwait(false);
        }
        else
        {
            await JsonAsync(http, ServerJson.Key(stored.Record, key)).ConfigureAwait(false);
        }
    }

    private async Task QueryAsync(HttpContext http)
    {
        var query = LookupQuery.TryParse(http.Request.Query, out var reason);
        if (query is null)
        {
            await RefuseAsync(http, BadRequest.Invalid(reason)).ConfigureAwait(false);
            return;
        }

        var found = store.Query(query, time.GetUtcNow());
        await JsonAsync(http, ServerJson.Records(found.Select(static s => s.Record))).ConfigureAwait(false);
    }

    private async Task BulkRenewAsync(HttpContext http)
    {
        var (body, error) = await RequestBody.ReadAsync(http.Request, maxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (error is not null)
        {
            await RefuseAsync(http, error).ConfigureAwait(false);
            return;
        }

        if (!LookupRecordJson.TryParse(body, out var request, out var reason))
        {
            await RefuseAsync(http, BadRequest.Invalid(reason)).ConfigureAwait(false);
            return;
        }

        var uris = request.Get(BulkUris);
        if (!request.Values.ContainsKey(BulkUris))
        {
            await RefuseAsync(http, BadRequest.Invalid($"key '{BulkUris}' is missing: a list of record uris was expected")).ConfigureAwait(false);
            return;
        }

        if (request.Get(LookupKeys.Ttl).Count > 1)
        {
            await RefuseAsync(http, BadRequest.Invalid("key 'ttl' has more than one value")).ConfigureAwait(false);
            return;
        }

        var ttl = request.First(LookupKeys.Ttl);
        var failed = new List<(string Uri, string Code, string Message)>();
        var renewedCount = 0;
        if (!leases.TryGrant(ttl, out var lease, out _))
        {
            failed.AddRange(uris.Select(static u => (u, "21", "expired")));
        }
        else
        {
            var renewed = store.RenewAll(uris, string.IsNullOrEmpty(ttl) ? null : ttl, lease, time.GetUtcNow());
            for (var i = 0; i < uris.Count; i++)
            {
                if (renewed[i] is null)
                {
                    failed.Add((uris[i], "22", "notfound"));
                }
                else
                {
                    renewedCount++;
                }
            }
        }

        Log.BulkRenewed(log, uris.Count, renewedCount);
        await JsonAsync(http, ServerJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("total", Count(uris.Count));
            w.WriteString("renewed", renewedCount == 0 ? "null" : Count(renewedCount)); // the reference server's quirk
            w.WriteString("failure", Count(failed.Count));
            WriteList(w, "failed-uris", failed.Select(static f => f.Uri));
            WriteList(w, "error-code", failed.Select(static f => f.Code));
            WriteList(w, "error-message", failed.Select(static f => f.Message));
            w.WriteEndObject();
        })).ConfigureAwait(false);
    }

    private static void WriteList(System.Text.Json.Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static BadRequest NotFound(string uri) => new(404, $"no record {uri}");

    private static Task NotAllowedAsync(HttpContext http, string allow)
    {
        http.Response.Headers.Allow = allow;
        return TextAsync(http, new BadRequest(405, $"method {http.Request.Method} is not allowed here (allowed: {allow})"));
    }

    private Task RefuseAsync(HttpContext http, BadRequest refusal)
    {
        Log.Refused(log, http.Request.Method, http.Request.Path.Value ?? "", refusal.Status, refusal.Reason);
        return TextAsync(http, refusal);
    }

    private static async Task JsonAsync(HttpContext http, byte[] json)
    {
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = json.Length;
        await http.Response.Body.WriteAsync(json, http.RequestAborted).ConfigureAwait(false);
    }

    private static async Task TextAsync(HttpContext http, BadRequest refusal)
    {
        // One line: a reason never carries the client's newlines back.
        var text = Encoding.UTF8.GetBytes(refusal.Reason.ReplaceLineEndings(" ") + "\n");
        http.Response.StatusCode = refusal.Status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.ContentLength = text.Length;
        await http.Response.Body.WriteAsync(text, http.RequestAborted).ConfigureAwait(false);
    }
}
