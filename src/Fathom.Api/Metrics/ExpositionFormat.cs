namespace Fathom.Api.Metrics;

/// <summary>The two exposition formats /metrics speaks; the Accept header chooses.</summary>
internal enum ExpositionFormat
{
    /// <summary>Prometheus text format 0.0.4 (the default, and the answer to anything unknown).</summary>
    Text,

    /// <summary>OpenMetrics 1.0.0: counters named without _total, UNIT lines, "# EOF".</summary>
    OpenMetrics,
}
