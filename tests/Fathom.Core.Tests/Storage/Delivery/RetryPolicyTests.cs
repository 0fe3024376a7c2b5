using Fathom.Core.Storage.Delivery;

namespace Fathom.Core.Tests.Storage.Delivery;

/// <summary>retry_policy: pScheduler-like segments of attempts and waits, and the schedule they give.</summary>
public sealed class RetryPolicyTests
{
    [Fact]
    public void Wait_Segments_EachRetryTakesItsSegmentsWaitThenTheLastRepeats()
    {
        var policy = RetryPolicy.Parse("2x1s, 3 x 10s, 1x PT1M");

        var waits = Enumerable.Range(1, 8).Select(n => policy.Wait(n).TotalSeconds).ToArray();

        Assert.Equal([1, 1, 10, 10, 10, 60, 60, 60], waits);
    }

    [Fact]
    public void Wait_Forever_RepeatsItsWait()
    {
        var policy = RetryPolicy.Parse("1x500ms, forever x 5m");

        Assert.Equal(TimeSpan.FromMilliseconds(500), policy.Wait(1));
        Assert.Equal(TimeSpan.FromMinutes(5), policy.Wait(2));
        Assert.Equal(TimeSpan.FromMinutes(5), policy.Wait(1_000_000));
    }

    [Theory]
    [InlineData("3x5s", "3x5s")]
    [InlineData("3X5s,forever*1m", "3x5s, forever x 60s")]
    [InlineData(" 1 x 250ms ", "1x250ms")]
    [InlineData("2xPT30S", "2x30s")]
    public void Parse_Forms_Canonical(string text, string canonical) => Assert.Equal(canonical, RetryPolicy.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("x5s")]
    [InlineData("3x")]
    [InlineData("-1x5s")]
    [InlineData("3x5s,,1x1s")]
    [InlineData("2xP")]
    public void TryParse_Bad_FalseWithAMessage(string text)
    {
        Assert.False(RetryPolicy.TryParse(text, out _, out var error));
        Assert.StartsWith("retry_policy", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_StartsFastAndSettlesAtThirtySeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), RetryPolicy.Default.Wait(1));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.Default.Wait(100));
    }
}
