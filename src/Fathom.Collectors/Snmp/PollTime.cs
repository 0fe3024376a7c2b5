namespace Fathom.Collectors.Snmp;

/// <summary>
/// When a reading was taken: the agent's sysUpTime (TimeTicks) when it gave one, which both times
/// the counters as the agent sees them and tells a restart; else this process's monotonic seconds.
/// </summary>
internal readonly record struct PollTime(ulong? UpTimeTicks, double MonotonicSeconds)
{
    public (double Seconds, bool Restarted) Since(PollTime previous) =>
        UpTimeTicks is { } now && previous.UpTimeTicks is { } then
            ? CounterRate.Gap(then, now)
            : (MonotonicSeconds - previous.MonotonicSeconds, false);
}
