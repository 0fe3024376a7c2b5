using System.Globalization;

namespace Fathom.Api.Metrics;

/// <summary>
/// Chooses the exposition format from an Accept header as Prometheus sends it (media ranges with
/// q-values, e.g. "application/openmetrics-text;version=1.0.0,...,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"):
/// the highest q wins, then the most specific range, then the first listed. Nothing acceptable
/// (or no header) gets the text format, as Prometheus' own client libraries answer.
/// </summary>
internal static class MetricsNegotiation
{
    public const string TextContentType = "text/plain; version=0.0.4; charset=utf-8";
    public const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    public static string ContentType(ExpositionFormat format) =>
        format == ExpositionFormat.OpenMetrics ? OpenMetricsContentType : TextContentType;

    public static ExpositionFormat Choose(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return ExpositionFormat.Text;
        }

        var best = ExpositionFormat.Text;
        double bestQ = 0;
        var bestSpecificity = -1;
        foreach (var range in accept.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Parse(range) is not { } candidate || candidate.Q <= 0)
            {
                continue;
            }

            // Strictly better only: on a tie the earlier range stays.
            if (candidate.Q > bestQ || (candidate.Q == bestQ && candidate.Specificity > bestSpecificity))
            {
                (best, bestQ, bestSpecificity) = (candidate.Format, candidate.Q, candidate.Specificity);
            }
        }

        return best;
    }

    private static (ExpositionFormat Format, double Q, int Specificity)? Parse(string range)
    {
        var parts = range.Split(';', StringSplitOptions.TrimEntries);
        var type = parts[0].ToLowerInvariant();
        double q = 1;
        string? version = null;
        foreach (var p in parts.AsSpan(1))
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var key = p[..eq].Trim();
            var value = p[(eq + 1)..].Trim().Trim('"');
            if (key.Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                // A malformed q makes the range unacceptable rather than preferred.
                q = double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? Math.Clamp(v, 0, 1) : 0;
            }
            else if (key.Equals("version", StringComparison.OrdinalIgnoreCase))
            {
                version = value;
            }
        }

        return type switch
        {
            "application/openmetrics-text" when version is null or "1.0.0" => (ExpositionFormat.OpenMetrics, q, 2),
            "text/plain" when version is null or "0.0.4" => (ExpositionFormat.Text, q, 2),
            "text/*" or "*/*" => (ExpositionFormat.Text, q, type == "*/*" ? 0 : 1),
            _ => null,
        };
    }
}
