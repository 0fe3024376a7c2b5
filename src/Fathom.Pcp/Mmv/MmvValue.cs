using Fathom.Core.Instrumentation;

namespace Fathom.Pcp.Mmv;

/// <summary>
/// One value of a metric read from an MMV file: for which instance (null without a domain) and
/// the value as its type's CLR type (int, uint, long, ulong, float, double, string; long for elapsed).
/// </summary>
public sealed record MmvValue(MetricInstance? Instance, object Value);
