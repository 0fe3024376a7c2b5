namespace Fathom.Collectors.Net;

/// <summary>
/// When a probe went out, on both clocks: Stopwatch ticks (schedules, durations) and CLOCK_REALTIME
/// nanoseconds, read right before sendto, the clock of the kernel's receive timestamps (RTTs).
/// </summary>
internal readonly record struct SendStamp(long Ticks, long RealtimeNs);
