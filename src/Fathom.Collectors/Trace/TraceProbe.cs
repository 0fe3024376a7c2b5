using Fathom.Collectors.Net;

namespace Fathom.Collectors.Trace;

/// <summary>One probe of a trace: to which target, with which TTL, and what came back.</summary>
internal sealed class TraceProbe(TraceTarget target, int ttl)
{
    public TraceTarget Target { get; } = target;

    public int Ttl { get; } = ttl;

    public SendStamp Sent { get; set; }

    public bool Settled { get; set; }

    public string? From { get; set; }

    /// <summary>Null until answered, and when the answer's RTT was impossible (left out, counted).</summary>
    public double? RttMs { get; set; }
}
