using Fathom.Core.Instrumentation;

namespace Fathom.Pcp.Mmv;

/// <summary>An instance domain read from an MMV file; help texts are empty when the file has none.</summary>
public sealed record MmvInstanceDomain(uint Serial, IReadOnlyList<MetricInstance> Instances, string ShortHelp, string LongHelp);
