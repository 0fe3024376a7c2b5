using System.Diagnostics;

namespace Fathom.Collectors.Net;

/// <summary>Durations between two Stopwatch timestamps (RTTs are taken on one clock by <see cref="ProbeClock"/>).</summary>
internal static class MonotonicClock
{
    public static double ElapsedMs(long fromTicks, long toTicks) => (toTicks - fromTicks) * 1000.0 / Stopwatch.Frequency;

    public static long TicksOfMs(double ms) => (long)(ms * Stopwatch.Frequency / 1000.0);
}
