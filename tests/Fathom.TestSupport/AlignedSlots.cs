namespace Fathom.TestSupport;

/// <summary>
/// Tests that count the runs of an aligned schedule must not straddle one of its slots: a slot
/// that falls inside the test adds a scheduled run to the count. This waits until the next slot is
/// far enough away (it costs a wait only when the test starts within <c>margin</c> of a slot).
/// </summary>
public static class AlignedSlots
{
    public static async Task AwayFromBoundaryAsync(TimeSpan interval, TimeSpan margin)
    {
        var now = DateTimeOffset.UtcNow;
        var sinceSlot = TimeSpan.FromTicks(now.UtcTicks % interval.Ticks);
        var untilSlot = interval - sinceSlot;
        if (untilSlot < margin)
        {
            await Task.Delay(untilSlot + TimeSpan.FromSeconds(1));
        }
    }
}
