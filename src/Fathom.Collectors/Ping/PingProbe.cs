using Fathom.Collectors.Net;

namespace Fathom.Collectors.Ping;

/// <summary>
/// One echo request of a run: to whom, when, and once sent its sequence number and
/// send time. Reused run after run; touched only by the endpoint's thread while in flight.
/// </summary>
internal sealed class PingProbe(PingBatch batch)
{
    public PingBatch Batch { get; } = batch;

    public PingTarget Target { get; private set; } = null!;

    /// <summary>When it is due, in Stopwatch ticks after the batch's <see cref="PingBatch.Origin"/>.</summary>
    public long Offset { get; private set; }

    /// <summary>It may go out with an earlier batch of sends (a staggered target, not the start of a round).</summary>
    public bool MayGoEarly { get; private set; }

    public SendStamp Sent { get; set; }

    public ushort Sequence { get; set; }

    /// <summary>Answered, failed with an ICMP error, or never sent.</summary>
    public bool Settled { get; set; }

    /// <summary>Holds a slot of the endpoint (sent, or being sent).</summary>
    public bool InSlot { get; set; }

    public void Reset(PingTarget target, long offset, bool mayGoEarly)
    {
        Target = target;
        Offset = offset;
        MayGoEarly = mayGoEarly;
        Sent = default;
        Sequence = 0;
        Settled = false;
        InSlot = false;
    }
}
