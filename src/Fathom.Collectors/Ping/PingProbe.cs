using System.Net;
using Fathom.Collectors.Net;

namespace Fathom.Collectors.Ping;

/// <summary>One echo request in flight: whom it went to, when, and whose run it belongs to.</summary>
internal sealed class PingProbe(PingTarget target, IPAddress address, PingRun run)
{
    private int _settled;

    public PingTarget Target { get; } = target;

    public IPAddress Address { get; } = address;

    public long SentTicks { get; set; }

    public ushort Sequence { get; set; }

    /// <summary>Called from the receive thread with the arrival time of the matching reply.</summary>
    public void Reply(long receivedTicks)
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            Target.AddReply(MonotonicClock.ElapsedMs(SentTicks, receivedTicks), run.TimeoutMs, receivedTicks);
            run.Settle();
        }
    }

    /// <summary>Called from the receive thread with an ICMP error about this probe.</summary>
    public void Error(in ExtendedError error)
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            Target.AddError(error.Describe());
            run.Settle();
        }
    }
}
