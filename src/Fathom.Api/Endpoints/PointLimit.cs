using System.Globalization;
using Fathom.Core.Storage;

namespace Fathom.Api.Endpoints;

/// <summary>
/// Keeps one answer under max_points: a bucketed query is estimated (series × buckets) before it
/// reads anything; a raw one is counted. The message says how many, the limit, and what to ask instead.
/// </summary>
internal static class PointLimit
{
    public static void CheckBuckets(QueryRequest q, int series, long stepNs, int maxPoints)
    {
        var buckets = FloorDiv(q.ToNs, stepNs) - FloorDiv(q.FromNs, stepNs) + 1;
        var points = (double)buckets * series;
        if (points > maxPoints)
        {
            throw new BadParameterException("step", string.Create(CultureInfo.InvariantCulture,
                $"step {Exact(stepNs)} gives {QueryParameters.Count(buckets)} buckets × {series} series = {QueryParameters.Count(points)} points, over the limit of {QueryParameters.Count(maxPoints)} (max_points in <api>): {Advice(q, series, maxPoints)}"));
        }
    }

    /// <summary>
    /// Refuses a raw query that would clearly pass the limit before it is read: each series' points
    /// in the range are estimated from its count and first/last times (spread evenly). Only a clear
    /// excess (twice the limit) is refused here; <see cref="CheckRaw"/> counts exactly after the read.
    /// </summary>
    public static void CheckRawEstimate(QueryRequest q, IReadOnlyList<SeriesInfo> series, int maxPoints)
    {
        double estimate = 0;
        foreach (var s in series)
        {
            if (s is { FirstTimeNs: { } first, LastTimeNs: { } last } && last >= q.FromNs && first <= q.ToNs)
            {
                var span = (double)last - first;
                var overlap = (double)Math.Min(last, q.ToNs) - Math.Max(first, q.FromNs);
                estimate += span <= 0 ? s.PointCount : s.PointCount * Math.Clamp((overlap + 1) / (span + 1), 0, 1);
            }
        }

        if (estimate > 2.0 * maxPoints)
        {
            throw new BadParameterException("step", string.Create(CultureInfo.InvariantCulture,
                $"the range holds about {QueryParameters.Count(Math.Round(estimate))} raw points in {series.Count} series, over the limit of {QueryParameters.Count(maxPoints)} (max_points in <api>): {Advice(q, series.Count, maxPoints)}"));
        }
    }

    public static void CheckRaw(QueryRequest q, IReadOnlyList<SeriesPoints> result, int maxPoints)
    {
        long points = 0;
        foreach (var s in result)
        {
            points += s.Points.Count;
        }

        if (points > maxPoints)
        {
            throw new BadParameterException("step", string.Create(CultureInfo.InvariantCulture,
                $"the range holds {QueryParameters.Count(points)} raw points in {result.Count} series, over the limit of {QueryParameters.Count(maxPoints)} (max_points in <api>): {Advice(q, result.Count, maxPoints)}"));
        }
    }

    private static string Advice(QueryRequest q, int series, int maxPoints)
    {
        var perSeries = maxPoints / series;
        if (perSeries < 2)
        {
            return "select fewer series (a narrower name or more tags)";
        }

        var minStep = (long)Math.Ceiling(((double)q.ToNs - q.FromNs) / (perSeries - 1));
        return $"ask with a step of at least {Duration(Math.Max(minStep, QueryRequest.MinStepNs))}, a shorter range (from, to) or fewer series";
    }

    // Rounded up to a unit people type: 1ms, 2s, 5m, 3h, 2d.
    private static string Duration(long ns)
    {
        (long Ns, string Unit)[] units = [(86_400_000_000_000, "d"), (3_600_000_000_000, "h"), (60_000_000_000, "m"), (1_000_000_000, "s")];
        foreach (var (unitNs, unit) in units)
        {
            if (ns >= unitNs)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{(ns + unitNs - 1) / unitNs}{unit}");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (ns + 999_999) / 1_000_000)}ms");
    }

    private static string Exact(long ns)
    {
        (long Ns, string Unit)[] units = [(86_400_000_000_000, "d"), (3_600_000_000_000, "h"), (60_000_000_000, "m"), (1_000_000_000, "s"), (1_000_000, "ms")];
        foreach (var (unitNs, unit) in units)
        {
            if (ns % unitNs == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{ns / unitNs}{unit}");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{ns / 1e6}ms");
    }

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}
