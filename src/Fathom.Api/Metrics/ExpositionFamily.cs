namespace Fathom.Api.Metrics;

/// <summary>A metric family: its HELP/TYPE(/UNIT) lines, formatted once for each format, and its sample lines.</summary>
internal sealed class ExpositionFamily(MetricShape shape, byte[] textHeader, byte[] openMetricsHeader, ExpositionMember[] members)
{
    public MetricShape Shape { get; } = shape;

    public ExpositionMember[] Members { get; } = members;

    public byte[] Header(ExpositionFormat format) => format == ExpositionFormat.OpenMetrics ? openMetricsHeader : textHeader;
}
