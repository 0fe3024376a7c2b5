using System.Diagnostics;
using Fathom.Collectors.Net;

namespace Fathom.Collectors.Tests.Net;

/// <summary>RTTs from a send stamp and a kernel receive timestamp, with the clocks scripted.</summary>
public sealed class ProbeClockTests
{
    [Fact]
    public void RoundTripMs_PreemptedBetweenClockReads_TrueRtt()
    {
        var clock = new ScriptedClock();
        var sent = clock.StampSend();
        clock.Advance(200_000);
        var arrival = clock.RealtimeNs();
        clock.Advance(50_000);

        // The thread loses the CPU for 5 ms right after its next monotonic read.
        clock.PreemptAfterNextMonotonicRead(5_000_000);
        var rtt = clock.RoundTripMs(sent, arrival);

        Assert.NotNull(rtt);
        Assert.Equal(0.2, rtt.Value, 6);
    }

    [Fact]
    public void RoundTripMs_PreemptedRightAfterSendStamp_TrueRttFromRealtime()
    {
        var clock = new ScriptedClock();
        clock.PreemptAfterNextMonotonicRead(3_000_000);
        var sent = clock.StampSend();
        clock.Advance(300_000);

        Assert.Equal(0.3, clock.RoundTripMs(sent, clock.RealtimeNs())!.Value, 6);
    }

    [Fact]
    public void RoundTripMs_WallClockSteppedBack_NullNeverZero()
    {
        var clock = new ScriptedClock();
        var sent = clock.StampSend();
        clock.Advance(100_000);
        clock.StepRealtime(-2_000_000);

        Assert.Null(clock.RoundTripMs(sent, clock.RealtimeNs()));
    }

    [Fact]
    public void RoundTripMs_WallClockSteppedForward_NullNotInflated()
    {
        var clock = new ScriptedClock();
        var sent = clock.StampSend();
        clock.Advance(100_000);
        clock.StepRealtime(50_000_000);

        Assert.Null(clock.RoundTripMs(sent, clock.RealtimeNs()));
    }

    [Fact]
    public void RoundTripMs_RealClock_LoopbackScaleNonNegative()
    {
        var sent = ProbeClock.System.StampSend();
        var rtt = ProbeClock.System.RoundTripMs(sent, ProbeClock.System.RealtimeNs());
        Assert.NotNull(rtt);
        Assert.InRange(rtt.Value, 0, 1000);
    }

    /// <summary>One true time; the monotonic and wall clocks read it with offsets, and a preemption can be slipped in between reads.</summary>
    private sealed class ScriptedClock : ProbeClock
    {
        private long _trueNs = 1_000_000_000;
        private long _realtimeOffsetNs = 1_700_000_000_000_000_000;
        private long _preemptNs;

        public void Advance(long ns) => _trueNs += ns;

        public void StepRealtime(long ns) => _realtimeOffsetNs += ns;

        public void PreemptAfterNextMonotonicRead(long ns) => _preemptNs = ns;

        public override long MonotonicTicks()
        {
            var ticks = (long)(_trueNs * (Stopwatch.Frequency / 1e9));
            _trueNs += _preemptNs;
            _preemptNs = 0;
            return ticks;
        }

        public override long RealtimeNs() => _trueNs + _realtimeOffsetNs;
    }
}
