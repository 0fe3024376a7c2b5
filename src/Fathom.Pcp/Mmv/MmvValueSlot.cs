using Fathom.Core.Instrumentation;

namespace Fathom.Pcp.Mmv;

/// <summary>Where one value cell of a metric lives in the file; <see cref="StringOffset"/> is -1 unless the metric is a string.</summary>
internal readonly record struct MmvValueSlot(Metric Metric, int Index, int Offset, int StringOffset);
