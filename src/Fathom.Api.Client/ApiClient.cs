using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fathom.Api.Client.Wire;
using Fathom.Core.Storage;

namespace Fathom.Api.Client;

/// <summary>
/// GETs against a running fathomd's API, read with the source-generated <see cref="ApiJson"/>
/// (NativeAOT: no reflection). A problem document becomes an <see cref="ArchiveException"/> with
/// its detail (a 4xx is the caller's mistake: Unusable; else Failed); an unreachable daemon says
/// where it looked, without a stack trace.
/// </summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(Uri baseAddress, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        BaseAddress = baseAddress;
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            BaseAddress = baseAddress,
            Timeout = timeout ?? TimeSpan.FromSeconds(60),
        };
    }

    public Uri BaseAddress { get; }

    /// <summary>The answer to GET <paramref name="pathAndQuery"/>, or null for a 404 when <paramref name="notFoundIsEmpty"/>.</summary>
    public T? Get<T>(string pathAndQuery, JsonTypeInfo<T> type, bool notFoundIsEmpty = false)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(pathAndQuery, UriKind.Relative));
        HttpResponseMessage response;
        try
        {
            response = _http.Send(request);
        }
        catch (HttpRequestException e)
        {
            throw new ArchiveException(ArchiveErrorKind.Failed, $"cannot reach the daemon's API at {BaseAddress}: {Reason(e)}", e);
        }
        catch (TaskCanceledException e)
        {
            throw new ArchiveException(ArchiveErrorKind.Failed, $"the daemon's API at {BaseAddress} did not answer within {_http.Timeout.TotalSeconds} s", e);
        }

        using (response)
        {
            using var body = response.Content.ReadAsStream();
            if (response.IsSuccessStatusCode)
            {
                return Read(body, type, pathAndQuery);
            }

            if (response.StatusCode == HttpStatusCode.NotFound && notFoundIsEmpty)
            {
                return null;
            }

            throw Problem(response, body);
        }
    }

    public void Dispose() => _http.Dispose();

    private T Read<T>(Stream body, JsonTypeInfo<T> type, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw new JsonException("empty answer");
        }
        catch (JsonException e)
        {
            throw new ArchiveException(ArchiveErrorKind.Failed, $"{BaseAddress} answered {what} with something that is not Fathom's API JSON: {e.Message}", e);
        }
    }

    private ArchiveException Problem(HttpResponseMessage response, Stream body)
    {
        var status = (int)response.StatusCode;
        var kind = status is >= 400 and < 500 ? ArchiveErrorKind.Unusable : ArchiveErrorKind.Failed;
        ProblemDto? problem = null;
        try
        {
            problem = JsonSerializer.Deserialize(body, ApiJson.Default.ProblemDto);
        }
        catch (JsonException)
        {
            // Not one of ours (a proxy's page?): the status says enough.
        }

        return new ArchiveException(kind, problem?.Detail is { Length: > 0 } detail
            ? detail
            : $"{BaseAddress} answered {status} {response.ReasonPhrase}");
    }

    private static string Reason(HttpRequestException e) => e.InnerException switch
    {
        SocketException s => s.Message,
        IOException io => io.Message,
        _ => e.Message,
    };
}
