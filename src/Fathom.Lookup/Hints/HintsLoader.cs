using Fathom.Lookup.Configuration;
using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Hints;

/// <summary>
/// Loads the activehosts.json the settings name (hints_file or hints_url) at run time. A failure
/// (unreadable, not answering, not 2xx, bad JSON, wrong shape) is logged naming the file or URL
/// and gives null, so the registrar keeps its last list.
/// </summary>
public sealed partial class HintsLoader(HttpClient http, ILogger logger)
{
    /// <summary>Largest activehosts.json accepted; the real one is a few hundred bytes.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The hosts from the settings' hints; null after a logged failure or when the settings have no hints.</summary>
    public async Task<IReadOnlyList<HintHost>?> LoadAsync(LookupSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            if (settings.HintsFile is { } file)
            {
                return HintsParser.ReadFile(file);
            }

            return settings.HintsUrl is { } url ? await FetchAsync(url, cancellationToken).ConfigureAwait(false) : null;
        }
        catch (HintsException e)
        {
            Log.HintsFailed(logger, e.Message);
            return null;
        }
    }

    private async Task<IReadOnlyList<HintHost>> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HintsException($"hints {url}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                throw new HintsException($"hints {url}: larger than {MaxBytes} bytes");
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return body.Length > MaxBytes
                ? throw new HintsException($"hints {url}: larger than {MaxBytes} bytes")
                : HintsParser.Parse(System.Text.Encoding.UTF8.GetString(body), url.ToString());
        }
        catch (HttpRequestException e)
        {
            throw new HintsException($"hints {url}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HintsException($"hints {url}: no answer within {http.Timeout.TotalSeconds:0.#} s", e);
        }
    }
}
