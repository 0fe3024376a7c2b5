using Fathom.Collectors.Ping;

namespace Fathom.Collectors.Tests.Ping;

/// <summary>The iputils summary arithmetic.</summary>
public sealed class PingStatsTests
{
    [Fact]
    public void Of_FourRepliesOfFive_IputilsFigures()
    {
        var s = PingStats.Of(5, [1.0, 2.0, 3.0, 4.0]);

        Assert.Equal((5, 4, 20.0), (s.Sent, s.Received, s.LossPercent));
        Assert.Equal((1.0, 2.5, 4.0), (s.Min, s.Avg, s.Max));

        // Population standard deviation, as iputils' mdev: sqrt(7.5 - 6.25).
        Assert.Equal(Math.Sqrt(1.25), s.Mdev, 12);
    }

    [Fact]
    public void Of_NoReplies_FullLossAndNoRtts()
    {
        var s = PingStats.Of(3, []);
        Assert.Equal(100, s.LossPercent);
        Assert.True(double.IsNaN(s.Avg));
    }

    [Fact]
    public void Of_IdenticalRtts_ZeroMdevDespiteRounding()
    {
        var s = PingStats.Of(3, [0.1, 0.1, 0.1]);
        Assert.Equal(0, s.Mdev, 9);
    }

    [Fact]
    public void Of_RepliesWithRttsLeftOut_ReceivedCountedRttsFromTheRest()
    {
        var s = PingStats.Of(4, 3, [2.0, 4.0]);
        Assert.Equal((4, 3, 25.0), (s.Sent, s.Received, s.LossPercent));
        Assert.Equal((2.0, 3.0, 4.0), (s.Min, s.Avg, s.Max));
    }

    [Fact]
    public void AddReply_ImpossibleRtt_ReceivedAndDiscardedNeverZero()
    {
        var target = new PingTarget("198.18.0.1");
        target.Reset();
        target.AddSent(1);
        target.AddSent(2);
        target.AddReply(null, 1000, 10);
        target.AddReply(0.5, 1000, 11);

        var s = target.Stats();
        Assert.Equal((2, 1), (target.Received, target.Discarded));
        Assert.Equal((2, 0.0), (s.Received, s.LossPercent));
        Assert.Equal((0.5, 0.5), (s.Min, s.Max));
    }
}
