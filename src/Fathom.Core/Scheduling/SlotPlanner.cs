namespace Fathom.Core.Scheduling;

/// <summary>Slot arithmetic of aligned schedules: wall-clock multiples of the interval plus a fixed offset.</summary>
public static class SlotPlanner
{
    /// <summary>The first slot strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset NextSlot(DateTimeOffset after, TimeSpan interval, TimeSpan offset)
    {
        var ticks = after.UtcTicks - offset.Ticks;
        var slot = (Math.Floor((double)ticks / interval.Ticks) + 1) * interval.Ticks;
        var next = new DateTimeOffset((long)slot + offset.Ticks, TimeSpan.Zero);
        return next <= after ? next + interval : next;
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
