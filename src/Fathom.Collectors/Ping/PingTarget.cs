using System.Diagnostics;
using System.Net;

namespace Fathom.Collectors.Ping;

/// <summary>One target's tally within a run; written by the receive thread, read after the run.</summary>
internal sealed class PingTarget(string name)
{
    private readonly Lock _gate = new();
    private readonly List<double> _rtts = [];

    public string Name { get; } = name;

    public IPAddress? Address { get; set; }

    public string? ResolveError { get; set; }

    public int Sent { get; private set; }

    public string? SendError { get; private set; }

    public string? IcmpError { get; private set; }

    public int Errors { get; private set; }

    public long FirstSentTicks { get; private set; }

    public long LastSettledTicks { get; private set; }

    public void AddSent(long ticks)
    {
        lock (_gate)
        {
            if (Sent++ == 0)
            {
                FirstSentTicks = ticks;
            }
        }
    }

    public void AddSendError(string error)
    {
        lock (_gate)
        {
            SendError ??= error;
        }
    }

    public void AddReply(double rttMs, double timeoutMs, long receivedTicks)
    {
        lock (_gate)
        {
            // A reply later than the per-probe timeout counts as lost, as with ping -W.
            if (rttMs <= timeoutMs)
            {
                _rtts.Add(Math.Max(0, rttMs));
            }

            LastSettledTicks = Math.Max(LastSettledTicks, receivedTicks);
        }
    }

    public void AddError(string error)
    {
        lock (_gate)
        {
            Errors++;
            IcmpError ??= error;
            LastSettledTicks = Math.Max(LastSettledTicks, Stopwatch.GetTimestamp());
        }
    }

    public PingStats Stats()
    {
        lock (_gate)
        {
            return PingStats.Of(Sent, _rtts);
        }
    }
}
