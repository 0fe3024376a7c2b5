using System.Text.RegularExpressions;
using Fathom.Core.Collectors;
using Fathom.Core.Configuration;

namespace Fathom.Collectors.Http;

/// <summary>Reads and checks the http collector's keys, with file:line errors.</summary>
internal static class HttpConfig
{
    // Framing and connection handling belong to the collector's own request writer.
    private static readonly string[] Reserved = ["content-length", "transfer-encoding", "connection"];

    /// <summary>Reads every key, reporting every mistake at once (<see cref="ConfigErrors"/> when more than one).</summary>
    public static HttpSettings Read(CollectorConfig config)
    {
        var problems = new ConfigProblems();
        var url = problems.Read<Uri?>(() => Url(config), null);
        var method = problems.Read(() => Method(config), "GET");
        var insecure = problems.Read(() => config.GetBool("insecure", false), false);
        if (insecure && url is not null && url.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add(config.Error("insecure", "is only used with an https:// url"));
        }

        var ranges = problems.Read(() => ExpectStatus(config), StatusRanges.Default);
        var settings = new HttpSettings
        {
            Url = url ?? new Uri("http://invalid/"),
            Method = method,
            Headers = problems.Read(() => Headers(config), []),
            Body = problems.Read(() => config.GetOptionalString("body"), null),
            ExpectStatus = ranges,
            ExpectBody = problems.Read(() => BodyRegex(config), null),
            // Within the run's timeout (the interval by default), so a slow server fails as timed out, not cancelled.
            Timeout = problems.Read(() => config.GetDuration("timeout", TimeSpan.FromSeconds(Math.Min(10, config.Timeout.TotalSeconds))), TimeSpan.FromSeconds(10)),
            FollowRedirects = problems.Read(() => config.GetBool("follow_redirects", true), true),
            Insecure = insecure,
        };
        problems.ThrowIfAny();
        return settings;
    }

    private static Uri Url(CollectorConfig config)
    {
        var text = config.GetRequiredString("url");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || url.Host.Length == 0)
        {
            throw config.Error("url", $"'{text}' must be an absolute http:// or https:// URL");
        }

        return url.UserInfo.Length == 0 ? url : throw config.Error("url", "must not hold credentials; use header \"Authorization: ...\"");
    }

    private static string Method(CollectorConfig config)
    {
        var method = config.GetString("method", "GET");
        return HttpText.IsToken(method) ? method : throw config.Error("method", $"'{method}' is not an HTTP method name");
    }

    private static StatusRanges ExpectStatus(CollectorConfig config)
    {
        if (!StatusRanges.TryParse(config.GetStrings("expect_status"), out var ranges, out var problem) && config.Has("expect_status"))
        {
            throw config.Error("expect_status", problem);
        }

        return ranges;
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
