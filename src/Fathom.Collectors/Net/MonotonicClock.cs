using System.Diagnostics;

namespace Fathom.Collectors.Net;

/// <summary>
/// Turns a kernel receive timestamp (CLOCK_REALTIME) into a Stopwatch timestamp: only the short
/// gap between arrival and now comes from the wall clock, so a clock step cannot skew an RTT.
/// </summary>
internal static class MonotonicClock
{
    private static readonly long MaxGapNs = 1_000_000_000;

    public static long FromRealtime(long kernelRealtimeNs)
    {
        // Both clocks read back to back: a monotonic reading taken earlier would put the arrival
        // too early by the time in between, and a loopback RTT would come out as 0.
        var monotonic = Stopwatch.GetTimestamp();
        var gapNs = Libc.RealtimeNs() - kernelRealtimeNs;
        if (gapNs < 0 || gapNs > MaxGapNs)
        {
            // A wall-clock step between arrival and now: fall back to the moment of reading.
            return monotonic;
        }

        return monotonic - (long)(gapNs * (Stopwatch.Frequency / 1e9));
    }

    public static double ElapsedMs(long fromTicks, long toTicks) => (toTicks - fromTicks) * 1000.0 / Stopwatch.Frequency;
}
