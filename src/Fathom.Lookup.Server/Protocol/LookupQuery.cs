using System.Globalization;
using Fathom.Lookup.Records;
using Microsoft.AspNetCore.Http;

namespace Fathom.Lookup.Server.Protocol;

/// <summary>
/// A query string as the reference server reads it: every parameter is a term except
/// <c>operator</c> (all, the default, or any: how terms combine), <c>KEY-operator</c> (how one
/// key's comma-separated values combine: any, the default, or all), <c>skip</c> and <c>maxresults</c>.
/// </summary>
internal sealed record LookupQuery(IReadOnlyList<QueryTerm> Terms, bool All, int Skip, int MaxResults)
{
    /// <summary>No limit: the default, and what <c>maxresults=0</c> means (as on the reference server).</summary>
    public const int Unlimited = int.MaxValue;

    public bool Matches(LookupRecord record)
    {
        foreach (var term in Terms)
        {
            if (term.Matches(record) != All)
            {
                return !All; // all: the first miss decides; any: the first hit does
            }
        }

        return All || Terms.Count == 0;
    }

    public static LookupQuery? TryParse(IQueryCollection query, out string error)
    {
        error = "";
        var all = true;
        var skip = 0;
        var max = Unlimited;
        var terms = new List<QueryTerm>();
        foreach (var (key, values) in query)
        {
            var value = values.Count > 0 ? string.Join(',', values.ToArray()) : "";
            switch (key)
            {
                case "operator":
                    if (!TryOperator(value, out all))
                    {
                        error = $"operator: '{value}' is not 'all' or 'any'";
                        return null;
                    }

                    continue;
                case "skip" or "maxresults":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                    {
                        error = $"{key}: '{value}' is not a whole number from 0 to {int.MaxValue}";
                        return null;
                    }

                    (skip, max) = key == "skip" ? (number, max) : (skip, number == 0 ? Unlimited : number);
                    continue;
            }

            if (key.Contains("operator", StringComparison.Ordinal))
            {
                if (!TryOperator(value, out _))
                {
                    error = $"{key}: '{value}' is not 'all' or 'any'";
                    return null;
                }

                continue;
            }

            if (RecordValidator.CheckKeyName(key) is { } bad)
            {
                error = $"query: {bad}";
                return null;
            }

            var perKey = query.TryGetValue(key + "-operator", out var op) && op.ToString() == "all";
            terms.Add(new QueryTerm(key, [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries)], perKey));
        }

        return new LookupQuery(terms, all, skip, max);
    }

    private static bool TryOperator(string value, out bool all)
    {
        all = value != "any";
        return value is "all" or "any";
    }
}
