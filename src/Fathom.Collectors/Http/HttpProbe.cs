using System.Text.RegularExpressions;
using Fathom.Collectors.Common.Tls;
using Fathom.Collectors.Probes;

namespace Fathom.Collectors.Http;

/// <summary>Requests the URL, follows redirects, checks the expectations; every failure becomes a worded result.</summary>
internal sealed class HttpProbe(HttpSettings settings, TlsSettings tls)
{
    public async Task<HttpResult> RunAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var result = new HttpResult();
        var started = time.GetTimestamp();
        // One deadline for the whole probe, redirects included: the timeout bounds what a run waits for.
        using var deadline = new ProbeDeadline(settings.Timeout, time, cancellationToken);
        var url = settings.Url;
        var method = settings.Method;
        var body = settings.Body;
        // The first exchange starts with the probe, so with no redirect the redirect time is exactly 0.
        var clock = new PhaseClock(time, started);
        try
        {
            while (true)
            {
                result.Last = new HttpHop();
                clock = result.Redirects == 0 ? clock : new PhaseClock(time);
                await HttpExchange.RunAsync(url, method, body, settings, tls, result.Last, clock, deadline.Token).ConfigureAwait(false);
                var status = result.Last.Head!.Status;
                if (!settings.FollowRedirects || !IsRedirect(status) || result.Last.Head.Get("Location") is not { } location)
                {
                    break;
                }

                if (++result.Redirects > HttpSettings.MaxRedirects)
                {
                    throw new ProbeException($"more than {HttpSettings.MaxRedirects} redirects (last to '{HttpText.Excerpt(location)}')");
                }

                url = Next(url, location);
                if (status == 303 || (status is 301 or 302 && method == "POST"))
                {
                    // As browsers do: the redirected request is a GET without the body.
                    method = method == "HEAD" ? "HEAD" : "GET";
                    body = null;
                }
            }

            // As curl's time_redirect and time_total: every hop before the final one, then the whole probe.
            result.RedirectMs = clock.MsSinceStartOf(started);
            result.TotalMs = result.RedirectMs + result.Last.TotalMs;
            result.Failure = Check(result.Last);
        }
        catch (Exception e)
        {
            result.Failure = deadline.Reason(e, clock.Phase);
        }

        result.Duration = time.GetElapsedTime(started);
        return result;
    }

    private string? Check(HttpHop hop)
    {
        var status = hop.Head!.Status;
        if (!settings.ExpectStatus.Contains(status))
        {
            return $"status {status} not in {settings.ExpectStatus}";
        }

        if (settings.ExpectBody is { } regex)
        {
            try
            {
                if (!regex.IsMatch(hop.Body!.Text()))
                {
                    return $"body does not match /{regex}/";
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return $"body match of /{regex}/ timed out";
            }
        }

        return null;
    }

    private static bool IsRedirect(int status) => status is 301 or 302 or 303 or 307 or 308;

    private static Uri Next(Uri current, string location)
    {
        if (!Uri.TryCreate(current, location, out var next) || (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps))
        {
            throw new ProbeException($"redirect to unsupported location '{HttpText.Excerpt(location)}'");
        }

        return next;
    }
}
