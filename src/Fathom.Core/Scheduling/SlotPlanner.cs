namespace Fathom.Core.Scheduling;

/// <summary>Slot arithmetic of aligned schedules: wall-clock multiples of the interval plus a fixed offset.</summary>
public static class SlotPlanner
{
    /// <summary>The first slot strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset NextSlot(DateTimeOffset after, TimeSpan interval, TimeSpan offset)
    {
        // In whole ticks: a double holds today's tick count only to ~128 ticks, which skipped the
        // slot just ahead and put slots of intervals like 1.5 s off the grid.
        var ticks = after.UtcTicks - offset.Ticks;
        var index = ticks / interval.Ticks;
        if (ticks % interval.Ticks < 0)
        {
            index--; // floor, not truncation, before the epoch of the offset
        }

        return new DateTimeOffset(((index + 1) * interval.Ticks) + offset.Ticks, TimeSpan.Zero);
    }

    /// <summary>A fixed offset in [0, jitter), stable for one collector ID across restarts.</summary>
    public static TimeSpan Offset(string collectorId, TimeSpan jitter)
    {
        if (jitter <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        // FNV-1a: string.GetHashCode is randomised per process, and the offset should not move on restart.
        var hash = 2166136261u;
        foreach (var c in collectorId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return TimeSpan.FromTicks((long)(hash % (ulong)jitter.Ticks));
    }
}
