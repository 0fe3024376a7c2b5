using System.Diagnostics;
using Fathom.Core.Native;

namespace Fathom.Collectors.Net;

/// <summary>
/// The clocks of a probe. Virtual (not sealed) so a test can force what preemption between two
/// clock reads does; production uses <see cref="System"/>.
/// </summary>
internal class ProbeClock
{
    private const double SlackNs = 100_000;

    public static ProbeClock System { get; } = new();

    /// <summary>Stopwatch ticks.</summary>
    public virtual long MonotonicTicks() => Stopwatch.GetTimestamp();

    /// <summary>CLOCK_REALTIME nanoseconds, the clock of SO_TIMESTAMPNS.</summary>
    public virtual long RealtimeNs() => Libc.RealtimeNs();

    /// <summary>Read right before sendto.</summary>
    public SendStamp StampSend()
    {
        var ticks = MonotonicTicks();
        return new SendStamp(ticks, RealtimeNs());
    }

    /// <summary>
    /// The RTT of a reply that arrived at <paramref name="receivedRealtimeNs"/> (a kernel receive
    /// timestamp, CLOCK_REALTIME): both ends on one clock, as fping measures, so no mapping between
    /// clocks (two reads a preemption can split) enters it. Null when impossible: arrival before the
    /// send, or later than the monotonic time elapsed since it (the wall clock stepped in between).
    /// </summary>
    public double? RoundTripMs(in SendStamp sent, long receivedRealtimeNs)
    {
        var ns = receivedRealtimeNs - sent.RealtimeNs;
        if (ns < 0)
        {
            return null;
        }

        // The arrival precedes this call, so the RTT cannot exceed the monotonic time since the
        // send; slack for NTP slewing (at most 500 ppm) and the stamp's two reads.
        var elapsedNs = (MonotonicTicks() - sent.Ticks) * (1e9 / Stopwatch.Frequency);
        return ns > (elapsedNs * 1.001) + SlackNs ? null : ns / 1e6;
    }
}
