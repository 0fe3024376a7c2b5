using Fathom.Core.Measurements;

namespace Fathom.Archive;

/// <summary>
/// perfSONAR's rule for status ranges, shared by every archive: a record extends the element's
/// newest range only when it has the same state and continues the same run's observations
/// (its previous observation is where the range ends). The first observation of a run opens a
/// range even for an unchanged state, so a restart or gap is never claimed as known state.
/// </summary>
public static class StatusContinuity
{
    /// <summary>Whether <paramref name="record"/> extends (or repeats the end of) the newest range.</summary>
    public static bool Extends(StatusRecord record, long newestEndNs, string newestOper, string? newestAdmin)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Oper != newestOper || record.Admin != newestAdmin)
        {
            return false;
        }

        // A repeat of the range's last observation (a replayed batch) adds nothing; records of
        // older versions (no previous time) keep the old state-only rule.
        return record.TimeUnixNs == newestEndNs
            || record.PreviousUnixNs is null
            || (record.PreviousUnixNs != 0 && record.PreviousUnixNs == newestEndNs);
    }
}
