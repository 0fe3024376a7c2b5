using Fathom.Core.Instrumentation;

namespace Fathom.Pcp.Mmv;

/// <summary>A metric read from an MMV file with its values, one per instance of its domain (or one).</summary>
public sealed record MmvMetric(
    string Name,
    uint Item,
    MmvMetricType Type,
    MetricSemantics Semantics,
    MetricUnits Units,
    MmvInstanceDomain? Indom,
    string ShortHelp,
    string LongHelp,
    IReadOnlyList<MmvValue> Values);
