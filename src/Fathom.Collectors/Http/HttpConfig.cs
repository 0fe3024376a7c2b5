using System.Text.RegularExpressions;
using Fathom.Core.Collectors;

namespace Fathom.Collectors.Http;

/// <summary>Reads and checks the http collector's keys, with file:line errors.</summary>
internal static class HttpConfig
{
    // Framing and connection handling belong to the collector's own request writer.
    private static readonly string[] Reserved = ["content-length", "transfer-encoding", "connection"];

    public static HttpSettings Read(CollectorConfig config)
    {
        var text = config.GetRequiredString("url");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || url.Host.Length == 0)
        {
            throw config.Error("url", $"'{text}' must be an absolute http:// or https:// URL");
        }

        if (url.UserInfo.Length > 0)
        {
            throw config.Error("url", "must not hold credentials; use header \"Authorization: ...\"");
        }

        var method = config.GetString("method", "GET");
        if (!HttpText.IsToken(method))
        {
            throw config.Error("method", $"'{method}' is not an HTTP method name");
        }

        var insecure = config.GetBool("insecure", false);
        if (insecure && url.Scheme != Uri.UriSchemeHttps)
        {
            throw config.Error("insecure", "is only used with an https:// url");
        }

        if (!StatusRanges.TryParse(config.GetStrings("expect_status"), out var ranges, out var problem) && config.Has("expect_status"))
        {
            throw config.Error("expect_status", problem);
        }

        return new HttpSettings
        {
            Url = url,
            Method = method,
            Headers = Headers(config),
            Body = config.GetOptionalString("body"),
            ExpectStatus = ranges,
            ExpectBody = BodyRegex(config),
            // Within the run's timeout (the interval by default), so a slow server fails as timed out, not cancelled.
            Timeout = config.GetDuration("timeout", TimeSpan.FromSeconds(Math.Min(10, config.Timeout.TotalSeconds))),
            FollowRedirects = config.GetBool("follow_redirects", true),
            Insecure = insecure,
        };
    }

    private static List<KeyValuePair<string, string>> Headers(CollectorConfig config)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var header in config.GetStrings("header"))
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? header : header[..colon];
            var value = colon < 0 ? "" : header[(colon + 1)..].Trim();
            if (colon <= 0 || !HttpText.IsToken(name) || value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                throw config.Error("header", $"'{header}' must be \"Name: value\" with a name made of letters, digits and !#$%&'*+-.^_`|~");
            }

            if (Array.Exists(Reserved, r => r.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                throw config.Error("header", $"'{name}' is set by the collector itself");
            }

            list.Add(new(name, value));
        }

        return list;
    }

    private static Regex? BodyRegex(CollectorConfig config)
    {
        if (config.GetOptionalString("expect_body") is not { } pattern)
        {
            return null;
        }

        try
        {
            // A match timeout, so a pathological pattern cannot stall the collector on a large body.
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw config.Error("expect_body", $"is not a valid .NET regular expression: {e.Message}");
        }
    }
}
