using Fathom.Collectors.Snmp;

namespace Fathom.Collectors.Tests.Snmp;

public sealed class CounterRateTests
{
    [Fact]
    public void PerSecond_Increase_DeltaOverSeconds() =>
        Assert.Equal(150.0, CounterRate.PerSecond(1000, 2500, counter32: true, seconds: 10, agentRestarted: false));

    [Fact]
    public void PerSecond_Counter32Wrapped_CountsAcrossTheWrap() =>
        // 2^32 - 100 to 400: 100 up to the wrap plus 400 after it.
        Assert.Equal(50.0, CounterRate.PerSecond(4_294_967_196, 400, counter32: true, seconds: 10, agentRestarted: false));

    [Fact]
    public void PerSecond_Counter32AtMaxThenZero_OneStep() =>
        Assert.Equal(1.0, CounterRate.PerSecond(uint.MaxValue, 0, counter32: true, seconds: 1, agentRestarted: false));

    [Fact]
    public void PerSecond_Counter64WentBack_NoRate() =>
        Assert.Null(CounterRate.PerSecond(10_000_000_000, 5, counter32: false, seconds: 10, agentRestarted: false));

    [Fact]
    public void PerSecond_AgentRestarted_NoRateEvenWhenHigher()
    {
        Assert.Null(CounterRate.PerSecond(100, 50, counter32: true, seconds: 10, agentRestarted: true));
        Assert.Null(CounterRate.PerSecond(100, 5000, counter32: true, seconds: 10, agentRestarted: true));
    }

    [Fact]
    public void PerSecond_NoGap_NoRate()
    {
        Assert.Null(CounterRate.PerSecond(100, 200, counter32: false, seconds: 0, agentRestarted: false));
        Assert.Null(CounterRate.PerSecond(100, 200, counter32: false, seconds: double.NaN, agentRestarted: false));
    }

    [Fact]
    public void PerSecond_Counter64Large_Exact() =>
        Assert.Equal(1e9, CounterRate.PerSecond(ulong.MaxValue - 20_000_000_000, ulong.MaxValue - 10_000_000_000, counter32: false, seconds: 10, agentRestarted: false));

    [Fact]
    public void Gap_UpTimeAdvanced_SecondsFromTicks() =>
        Assert.Equal((10.5, false), CounterRate.Gap(1000, 2050));

    [Fact]
    public void Gap_UpTimeWentBack_Restarted() =>
        Assert.True(CounterRate.Gap(500_000, 300).Restarted);

    [Fact]
    public void PollTime_WithoutUpTime_MonotonicSecondsAndNoRestart() =>
        Assert.Equal((2.5, false), new PollTime(null, 12.5).Since(new PollTime(400, 10)));

    [Fact]
    public void PollTime_BothUpTimes_AgentsClockWins() =>
        Assert.Equal((3.0, false), new PollTime(700, 100).Since(new PollTime(400, 10)));
}
