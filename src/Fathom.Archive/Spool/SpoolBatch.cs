using Fathom.Core.Measurements;

namespace Fathom.Archive.Spool;

/// <summary>One spooled record read back: its sequence, when it was appended, and its measurements.</summary>
/// <param name="Sequence">Its place in the spool's stream (from 1).</param>
/// <param name="AppendedUnixNs">When it was appended (Unix nanoseconds).</param>
/// <param name="Measurements">The batch, as appended.</param>
public sealed record SpoolBatch(long Sequence, long AppendedUnixNs, Measurement[] Measurements);
