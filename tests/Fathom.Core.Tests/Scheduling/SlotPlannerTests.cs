using Fathom.Core.Scheduling;

namespace Fathom.Core.Tests.Scheduling;

public sealed class SlotPlannerTests
{
    private static readonly DateTimeOffset Minute = new(2026, 3, 14, 15, 9, 0, TimeSpan.Zero);

    [Fact]
    public void NextSlot_BetweenSlots_ReturnsNextMultiple()
    {
        var next = SlotPlanner.NextSlot(Minute.AddSeconds(7.3), TimeSpan.FromSeconds(10), TimeSpan.Zero);

        Assert.Equal(Minute.AddSeconds(10), next);
    }

    [Fact]
    public void NextSlot_ExactlyOnSlot_ReturnsTheFollowingSlot()
    {
        var next = SlotPlanner.NextSlot(Minute.AddSeconds(20), TimeSpan.FromSeconds(10), TimeSpan.Zero);

        Assert.Equal(Minute.AddSeconds(30), next);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(127)]
    [InlineData(128)]
    public void NextSlot_TicksBeforeSlot_ReturnsThatSlot(long ticksBefore)
    {
        var slot = Minute.AddSeconds(20);

        var next = SlotPlanner.NextSlot(slot.AddTicks(-ticksBefore), TimeSpan.FromSeconds(10), TimeSpan.Zero);

        Assert.Equal(slot, next);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(129)]
    public void NextSlot_TicksAfterSlot_ReturnsTheFollowingSlot(long ticksAfter)
    {
        var slot = Minute.AddSeconds(20);

        var next = SlotPlanner.NextSlot(slot.AddTicks(ticksAfter), TimeSpan.FromSeconds(10), TimeSpan.Zero);

        Assert.Equal(slot.AddSeconds(10), next);
    }

    [Fact]
    public void NextSlot_WithOffset_ShiftsEverySlot()
    {
        var offset = TimeSpan.FromMilliseconds(2500);

        Assert.Equal(Minute.AddSeconds(2.5), SlotPlanner.NextSlot(Minute, TimeSpan.FromSeconds(10), offset));
        Assert.Equal(Minute.AddSeconds(12.5), SlotPlanner.NextSlot(Minute.AddSeconds(2.5), TimeSpan.FromSeconds(10), offset));
        Assert.Equal(Minute.AddSeconds(2.5), SlotPlanner.NextSlot(Minute.AddSeconds(2.5).AddTicks(-1), TimeSpan.FromSeconds(10), offset));
        Assert.Equal(Minute.AddSeconds(12.5), SlotPlanner.NextSlot(Minute.AddSeconds(9.99), TimeSpan.FromSeconds(10), offset));
    }

    [Theory]
    [InlineData(1_500)]
    [InlineData(7_000)]
    [InlineData(333)]
    [InlineData(86_400_000)]
    public void NextSlot_OddIntervals_IsStrictlyAfterAndOnTheGrid(long intervalMs)
    {
        var interval = TimeSpan.FromMilliseconds(intervalMs);
        var offset = TimeSpan.FromMilliseconds(intervalMs / 3);
        var rng = new Random(intervalMs.GetHashCode());
        for (var i = 0; i < 2_000; i++)
        {
            var after = Minute.AddTicks(rng.NextInt64(0, TimeSpan.TicksPerDay * 400));

            var next = SlotPlanner.NextSlot(after, interval, offset);

            Assert.True(next > after, $"{next:O} is not after {after:O}");
            Assert.True(next - after <= interval, $"{next:O} is more than one interval after {after:O}");
            Assert.Equal(0, (next.UtcTicks - offset.Ticks) % interval.Ticks);
        }
    }

    [Fact]
    public void NextSlot_LocalOffsetInput_ComparesInUtc()
    {
        var after = new DateTimeOffset(2026, 3, 14, 17, 9, 7, TimeSpan.FromHours(2));

        var next = SlotPlanner.NextSlot(after, TimeSpan.FromSeconds(10), TimeSpan.Zero);

        Assert.Equal(Minute.AddSeconds(10), next);
    }

    [Fact]
    public void Offset_SameId_IsStableAndPinned()
    {
        var jitter = TimeSpan.FromSeconds(30);

        var first = SlotPlanner.Offset("ping1", jitter);

        Assert.Equal(first, SlotPlanner.Offset("ping1", jitter));
        // FNV-1a over the ID's UTF-16 units: the value must not change between releases or restarts.
        Assert.Equal(TimeSpan.FromTicks(Fnv1a("ping1") % jitter.Ticks), first);
    }

    [Fact]
    public void Offset_ManyIds_AreBelowJitterAndSpread()
    {
        var jitter = TimeSpan.FromSeconds(10);
        var offsets = Enumerable.Range(0, 1_000).Select(i => SlotPlanner.Offset($"collector-{i}", jitter)).ToList();

        Assert.All(offsets, o => Assert.InRange(o, TimeSpan.Zero, jitter - TimeSpan.FromTicks(1)));
        Assert.True(offsets.Distinct().Count() > 990, "offsets of different IDs should rarely collide");
        Assert.InRange(offsets.Average(o => o.TotalSeconds), 4.0, 6.0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Offset_NoJitter_IsZero(int jitterSeconds)
    {
        Assert.Equal(TimeSpan.Zero, SlotPlanner.Offset("ping1", TimeSpan.FromSeconds(jitterSeconds)));
    }

    [Fact]
    public void Offset_TinyJitter_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, SlotPlanner.Offset("anything", TimeSpan.FromTicks(1)));
    }

    private static long Fnv1a(string s)
    {
        var hash = 2166136261u;
        foreach (var c in s)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }
}
