using System.Net;
using System.Net.Http.Headers;
using Fathom.Lookup.Records;

namespace Fathom.Lookup.Client;

/// <summary>
/// The sLS REST calls one registrar makes of one server: register (POST the records URL), renew
/// (POST base + uri with a ttl), delete and get (base + uri). The base is the records URL without
/// its trailing <c>lookup/records</c>, as perfSONAR composes record URLs. Every call ends within
/// <see cref="Timeout"/> and never throws for the server's failures: it classifies them.
/// </summary>
public sealed class SlsClient
{
    private const string RecordsPath = "lookup/records";
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;

    /// <summary>A client of the server at <paramref name="recordsUrl"/> (http[s]://HOST:PORT/lookup/records), sending through <paramref name="http"/>.</summary>
    public SlsClient(HttpClient http, Uri recordsUrl, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(recordsUrl);
        _http = http;
        RecordsUrl = recordsUrl;
        Timeout = timeout;
        var path = recordsUrl.AbsolutePath.TrimEnd('/');
        var basePath = path.EndsWith("/" + RecordsPath, StringComparison.Ordinal) ? path[..^RecordsPath.Length] : "/";
        BaseUrl = new UriBuilder(recordsUrl) { Path = basePath, Query = "" }.Uri;
    }

    /// <summary>Where records are registered.</summary>
    public Uri RecordsUrl { get; }

    /// <summary>Where record uris are resolved (http://HOST:PORT/ for a server at the root).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The most a call may take, connection included.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>POSTs <paramref name="record"/> (every value an array) to the records URL.</summary>
    public Task<SlsResult> RegisterAsync(LookupRecord record, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, RecordsUrl, LookupRecordJson.ToUtf8(record, serverScalars: false), cancellationToken);

    /// <summary>POSTs <c>{"ttl":["PT…"]}</c> to the record's uri.</summary>
    public Task<SlsResult> RenewAsync(string uri, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var body = new LookupRecord().Set(LookupKeys.Ttl, IsoDuration.Format(ttl));
        return SendAsync(HttpMethod.Post, Resolve(uri), LookupRecordJson.ToUtf8(body, serverScalars: false), cancellationToken);
    }

    /// <summary>DELETEs the record at <paramref name="uri"/>.</summary>
    public Task<SlsResult> DeleteAsync(string uri, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, Resolve(uri), null, cancellationToken);

    /// <summary>GETs the record at <paramref name="uri"/>.</summary>
    public Task<SlsResult> GetAsync(string uri, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, Resolve(uri), null, cancellationToken);

    /// <summary>
    /// GETs the records matching every <paramref name="terms"/> (<c>lookup/records/?k=v&amp;…</c>);
    /// null when the server fails to answer or answers something that is not an array of records.
    /// </summary>
    public async Task<IReadOnlyList<LookupRecord>?> QueryAsync(IReadOnlyList<KeyValuePair<string, string>> terms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var query = string.Join('&', terms.Select(t => Uri.EscapeDataString(t.Key) + "=" + Uri.EscapeDataString(t.Value)));
        var url = new UriBuilder(RecordsUrl) { Path = RecordsUrl.AbsolutePath.TrimEnd('/') + "/", Query = query }.Uri;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            return LookupRecordJson.TryParseArray(bytes, out var records, out _) ? records : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The absolute URL of a record uri ("lookup/service/UUID").</summary>
    public Uri Resolve(string uri)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        return new Uri(BaseUrl, uri.TrimStart('/'));
    }

    private async Task<SlsResult> SendAsync(HttpMethod method, Uri url, byte[]? body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = Json;
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
            {
                return new SlsResult(SlsOutcome.RegisterAgain, status, null, null, null, $"{status} {response.ReasonPhrase}");
            }

            if (!response.IsSuccessStatusCode)
            {
                return new SlsResult(SlsOutcome.RetryLater, status, null, null, null, $"{status} {response.ReasonPhrase}");
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            return Classify(status, bytes, requireLease: method != HttpMethod.Delete);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SlsResult.Network($"no answer within {Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return SlsResult.Network(e.InnerException?.Message ?? e.Message);
        }
    }

    private static SlsResult Classify(int status, byte[] body, bool requireLease)
    {
        if (!LookupRecordJson.TryParse(body, out var record, out var error))
        {
            return new SlsResult(SlsOutcome.RetryLater, status, null, null, null, $"unusable reply: {error}");
        }

        var uri = record.Uri;
        var hasExpires = SlsExpires.TryParse(record.First(LookupKeys.Expires), out var expires);
        if (requireLease && (string.IsNullOrEmpty(uri) || !hasExpires))
        {
            return new SlsResult(SlsOutcome.RetryLater, status, uri, null, record, "unusable reply: no uri or no expires that parses");
        }

        return new SlsResult(SlsOutcome.Ok, status, uri, hasExpires ? expires : null, record, null);
    }
}
