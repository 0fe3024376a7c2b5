using System.Globalization;
using Fathom.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Fathom.Api.Endpoints;

/// <summary>
/// Reads an endpoint's query string strictly: an unknown parameter (a typo would otherwise silently
/// widen the answer) and a single-valued one given twice are refused, naming the parameter.
/// </summary>
internal static class QueryParameters
{
    /// <summary>Refuses parameters not in <paramref name="single"/> or <paramref name="repeatable"/>, and repeated single ones.</summary>
    public static void Check(IQueryCollection query, string[] single, string[] repeatable)
    {
        foreach (var (name, values) in query)
        {
            if (Array.IndexOf(single, name) >= 0)
            {
                if (values.Count > 1)
                {
                    throw new BadParameterException(name, $"'{name}' is given {values.Count} times; it takes one value");
                }
            }
            else if (Array.IndexOf(repeatable, name) < 0)
            {
                var known = string.Join(", ", single.Concat(repeatable));
                throw new BadParameterException(name, $"unknown parameter '{name}' (this endpoint takes: {known}; see /openapi.json)");
            }
        }
    }

    /// <summary>The one value of <paramref name="name"/>, null when absent; an empty value is refused.</summary>
    public static string? Single(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        var value = values[0];
        return string.IsNullOrEmpty(value) ? throw new BadParameterException(name, $"'{name}' is empty") : value;
    }

    /// <summary>Every tag=key=value: the value may hold '=', the key may not be empty.</summary>
    public static KeyValuePair<string, string>[] Tags(IQueryCollection query)
    {
        if (!query.TryGetValue("tag", out StringValues values) || values.Count == 0)
        {
            return [];
        }

        var tags = new KeyValuePair<string, string>[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var text = values[i] ?? "";
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new BadParameterException("tag", $"tag '{text}' is not key=value (e.g. tag=target=127.0.0.1)");
            }

            tags[i] = new(text[..equals], text[(equals + 1)..]);
        }

        return tags;
    }

    /// <summary>from and to (defaults as the CLI's), in the CLI's time syntax or Unix ns; a start after the end is refused.</summary>
    public static (long FromNs, long ToNs) Range(IQueryCollection query, TimeProvider time, string defaultFrom, string defaultTo)
    {
        var nowNs = TimeText.ToUnixNs(time.GetUtcNow());
        var from = Time(query, "from", defaultFrom, nowNs);
        var to = Time(query, "to", defaultTo, nowNs);
        if (from > to)
        {
            throw new BadParameterException("from", $"from ({Rfc3339.Format(from)}) is after to ({Rfc3339.Format(to)})");
        }

        return (from, to);
    }

    /// <summary>A count with thousands separators, for messages.</summary>
    public static string Count(double n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    private static long Time(IQueryCollection query, string name, string fallback, long nowNs)
    {
        var text = Single(query, name) ?? fallback;
        try
        {
            return TimeText.Parse(text, nowNs, acceptUnixNs: true);
        }
        catch (FormatException e)
        {
            throw new BadParameterException(name, $"{name}: {e.Message}");
        }
    }
}
