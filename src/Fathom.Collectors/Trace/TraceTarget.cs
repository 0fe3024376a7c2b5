using System.Net;

namespace Fathom.Collectors.Trace;

/// <summary>One target's probes and findings within a trace run (guarded by the run's lock).</summary>
internal sealed class TraceTarget(string name, int maxHops)
{
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; } = name;

    public IPAddress? Address { get; set; }

    public string? Problem { get; set; }

    public List<TraceProbe> Probes { get; } = [];

    /// <summary>The lowest TTL at which the destination answered.</summary>
    public int? ReachedTtl { get; set; }

    /// <summary>The lowest TTL at which a router said the destination is unreachable.</summary>
    public int? StoppedTtl { get; set; }

    public string? StopReason { get; set; }

    /// <summary>No more TTLs need probing: the destination (or a dead end) was found below them.</summary>
    public int? EndTtl => ReachedTtl is { } r ? Math.Min(r, StoppedTtl ?? r) : StoppedTtl;

    public bool SendingDone { get; set; }

    /// <summary>Answers whose RTT was impossible (the wall clock stepped): the hop counts, the RTT is left out.</summary>
    public int Discarded { get; set; }

    /// <summary>Nothing more to wait for: all sent, and every probe up to the end answered.</summary>
    public bool Done => SendingDone && Probes.TrueForAll(p => p.Settled || (EndTtl is { } end && p.Ttl > end));

    /// <summary>Completes at the next answer (taken under the run's lock).</summary>
    public Task Progress => _progress.Task;

    /// <summary>An answer came: wakes whoever waits for <see cref="Progress"/>.</summary>
    public void Progressed()
    {
        _progress.TrySetResult();
        _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public bool Answered(int ttl) => Probes.Exists(p => p.Ttl == ttl && p.From is not null);

    /// <summary>
    /// TTLs without any answer up to the end of the path: the destination or dead end when known,
    /// else one past the last hop that answered (where a rate-limited destination may be).
    /// </summary>
    public List<int> SilentTtls()
    {
        var last = EndTtl ?? Math.Min(maxHops, Probes.Where(p => p.From is not null).Select(p => p.Ttl).DefaultIfEmpty(0).Max() + 1);
        var silent = new List<int>();
        for (var ttl = 1; ttl <= last; ttl++)
        {
            if (!Answered(ttl))
            {
                silent.Add(ttl);
            }
        }

        return silent;
    }

    /// <summary>The hops up to the destination (or the last that answered), one entry per TTL.</summary>
    public List<TraceHop> Hops()
    {
        var last = EndTtl ?? Probes.Where(p => p.From is not null).Select(p => p.Ttl).DefaultIfEmpty(0).Max();
        var hops = new List<TraceHop>(last);
        for (var ttl = 1; ttl <= last; ttl++)
        {
            var answered = Probes.Where(p => p.Ttl == ttl && p.From is not null).ToList();
            hops.Add(new TraceHop(
                ttl,
                answered.FirstOrDefault()?.From,
                [.. answered.Where(p => p.RttMs is not null).Select(p => Math.Round(p.RttMs!.Value, 3))],
                ReachedTtl == ttl));
        }

        return hops;
    }
}
