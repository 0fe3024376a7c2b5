namespace Fathom.Core.Measurements;

/// <summary>
/// perfSONAR's status of an element at a time: operational state (up, down, degraded, unknown)
/// and optionally an administrative state (normaloperation, maintenance, troubleshooting,
/// underrepair, unknown).
/// </summary>
public sealed record StatusRecord(string Element, long TimeUnixNs, string Oper, string? Admin)
{
    /// <summary>
    /// The time of the previous observation of this element by the same run of its collector
    /// (Unix nanoseconds), so the archive extends a range only across consecutive observations,
    /// as perfSONAR's status collector does: 0 for the first observation of a run (a new range
    /// opens even when the state is unchanged, so a restart or gap is not claimed as known state);
    /// null (the default) when the producer does not say (records of older versions), where the
    /// state alone decides. <see cref="Collectors.CollectContext.EmitStatus"/> sets it.
    /// </summary>
    public long? PreviousUnixNs { get; init; }
}
