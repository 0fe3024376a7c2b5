using Fathom.Core.Configuration;
using Fathom.Core.Storage;
using Microsoft.AspNetCore.Http;

namespace Fathom.Api.Endpoints;

/// <summary>GET /api/v1/query's parameters, read and checked before the archive is touched.</summary>
internal sealed record QueryRequest(string Name, KeyValuePair<string, string>[] Tags, long FromNs, long ToNs, long? StepNs, Aggregation Aggregation)
{
    public const long MinStepNs = 1_000_000;

    private static readonly string[] SingleValued = ["name", "from", "to", "step", "agg"];
    private static readonly string[] Repeatable = ["tag"];

    public static QueryRequest Read(IQueryCollection query, TimeProvider time)
    {
        QueryParameters.Check(query, SingleValued, Repeatable);
        var name = QueryParameters.Single(query, "name")
            ?? throw new BadParameterException("name", "name is required: a series name or a glob with * and ? (see /api/v1/series)");
        var tags = QueryParameters.Tags(query);
        var (from, to) = QueryParameters.Range(query, time, "-1h", "now");
        var stepText = QueryParameters.Single(query, "step");
        var aggText = QueryParameters.Single(query, "agg");
        if (stepText is null)
        {
            return aggText is null
                ? new(name, tags, from, to, null, Aggregation.Avg)
                : throw new BadParameterException("agg", "agg needs step: the width of the buckets to aggregate (e.g. step=1h)");
        }

        if (!ValueParsers.TryParseDuration(stepText, out var step) || step < TimeSpan.FromMilliseconds(1))
        {
            throw new BadParameterException("step", $"step '{stepText}' is not a duration of at least 1ms (e.g. 30s, 5m, 1h, 1d)");
        }

        var aggregation = Aggregation.Avg;
        if (aggText is not null && !Aggregations.TryParse(aggText, out aggregation))
        {
            throw new BadParameterException("agg", $"unknown aggregation '{aggText}' (known: {Aggregations.Names})");
        }

        return new(name, tags, from, to, step.Ticks * 100, aggregation);
    }

    /// <summary>The name and tags, for messages.</summary>
    public string Selector => Tags.Length == 0 ? $"name '{Name}'" : $"name '{Name}' with {string.Join(", ", Tags.Select(t => $"{t.Key}={t.Value}"))}";
}
