using System.Net;
using System.Net.Sockets;
using Fathom.Collectors.Net;

namespace Fathom.Collectors.Trace;

/// <summary>
/// One run of a trace collector: every target probed at once (async, one socket and receive
/// thread per address family), TTL by TTL from 1 up to max_hops, `queries` probes per TTL, until
/// the destination or a dead end answers. Routers rate-limit their ICMP errors (Linux: a burst of
/// 6 per destination, then one a second), so probes are paced as traceroute(8) without -N and mtr
/// do: the next TTL goes once this one answered (or after <see cref="Step"/>), never beyond a
/// destination already found; then hops still silent are probed again after a pause that lets the
/// routers' budgets refill.
/// </summary>
internal sealed class TraceRun(TraceSettings settings, IcmpSocketKind kind, TimeProvider time)
{
    /// <summary>Retries of silent hops, each after <see cref="RetryPause"/>.</summary>
    public const int Retries = 2;

    // Longest wait for a hop's answer before the next TTL is sent (a silent router must not stall the run).
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    // Linux routers earn one ICMP error a second per destination (net.ipv4.icmp_ratelimit 1000 ms);
    // up to half a second more at random, so collectors tracing at once do not ask for the same one.
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryJitter = TimeSpan.FromMilliseconds(500);
    private readonly Lock _gate = new();
    private readonly List<TraceProbe> _byIndex = [];
    private TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<TraceTarget> Targets { get; } = [.. settings.Targets.Select(t => new TraceTarget(t, settings.MaxHops))];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var resolved = await Task.WhenAll(Targets.Select(t => HostResolver.ResolveAsync(t.Name, settings.ProbeTimeout * 5, cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < Targets.Count; i++)
        {
            (Targets[i].Address, Targets[i].Problem) = resolved[i];
        }

        var live = Targets.Where(t => t.Address is not null).ToList();
        using var v4 = live.Any(t => t.Address!.AddressFamily == AddressFamily.InterNetwork) ? new TraceSocket(false, settings.Icmp, kind, OnAnswer) : null;
        using var v6 = live.Any(t => t.Address!.AddressFamily == AddressFamily.InterNetworkV6) ? new TraceSocket(true, settings.Icmp, kind, OnAnswer) : null;
        TraceSocket SocketOf(TraceTarget t) => t.Address!.AddressFamily == AddressFamily.InterNetwork ? v4! : v6!;
        try
        {
            await Task.WhenAll(live.Select(t => SendAsync(t, SocketOf(t), cancellationToken))).ConfigureAwait(false);
            await WaitSettledAsync(cancellationToken).ConfigureAwait(false);
            for (var retry = 0; retry < Retries; retry++)
            {
                var silent = live.Select(t => (Target: t, Ttls: Silent(t))).Where(s => s.Ttls.Count > 0).ToList();
                if (silent.Count == 0)
                {
                    break;
                }

                await Task.Delay(RetryPause + (RetryJitter * Random.Shared.NextDouble()), time, cancellationToken).ConfigureAwait(false);
                await Task.WhenAll(silent.Select(s => RetryAsync(s.Target, SocketOf(s.Target), s.Ttls, cancellationToken))).ConfigureAwait(false);
                await WaitSettledAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The run's deadline: report the path found so far.
        }
    }

    /// <summary>Waits until every probe is answered or probe_timeout has passed; unanswered probes stay silent.</summary>
    private async Task WaitSettledAsync(CancellationToken cancellationToken)
    {
        Task settled;
        lock (_gate)
        {
            settled = _settled.Task;
        }

        CheckDone();
        try
        {
            await settled.WaitAsync(settings.ProbeTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Probes still unanswered stay silent hops (or are retried).
        }
    }

    private List<int> Silent(TraceTarget target)
    {
        lock (_gate)
        {
            return target.SilentTtls();
        }
    }

    private async Task SendAsync(TraceTarget target, TraceSocket socket, CancellationToken cancellationToken)
    {
        try
        {
            for (var ttl = 1; ttl <= settings.MaxHops; ttl++)
            {
                for (var q = 0; q < settings.Queries; q++)
                {
                    if (settings.Interval > TimeSpan.Zero && (ttl > 1 || q > 0))
                    {
                        await Task.Delay(settings.Interval, time, cancellationToken).ConfigureAwait(false);
                    }

                    if (!Send(target, socket, ttl))
                    {
                        return;
                    }
                }

                await WaitForHopAsync(target, ttl, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            lock (_gate)
            {
                target.SendingDone = true;
            }
        }
    }

    /// <summary>One more probe for each silent TTL, lowest first, paced as the first pass.</summary>
    private async Task RetryAsync(TraceTarget target, TraceSocket socket, List<int> ttls, CancellationToken cancellationToken)
    {
        foreach (var ttl in ttls)
        {
            if (!Send(target, socket, ttl))
            {
                return;
            }

            await WaitForHopAsync(target, ttl, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends one probe with <paramref name="ttl"/>; false when the path already ended below it.</summary>
    private bool Send(TraceTarget target, TraceSocket socket, int ttl)
    {
        lock (_gate)
        {
            if (target.EndTtl is { } end && end < ttl)
            {
                return false;
            }

            // Sent under the lock, so an answer cannot be matched before its send time is known.
            var probe = new TraceProbe(target, ttl);
            var index = _byIndex.Count;
            _byIndex.Add(probe);
            target.Probes.Add(probe);
            var error = socket.Send(index, target.Address!, ttl, out var sent);
            probe.Sent = sent;
            if (error is not null)
            {
                probe.Settled = true;
                target.Problem ??= error;
            }

            return true;
        }
    }

    /// <summary>Until a probe with <paramref name="ttl"/> is answered (or the path ended), <see cref="Step"/> at most.</summary>
    private async Task WaitForHopAsync(TraceTarget target, int ttl, CancellationToken cancellationToken)
    {
        var wait = Step < settings.ProbeTimeout ? Step : settings.ProbeTimeout;
        var started = time.GetTimestamp();
        while (true)
        {
            Task progress;
            lock (_gate)
            {
                if (target.Answered(ttl) || target.EndTtl is not null || target.Probes.TrueForAll(p => p.Ttl != ttl || p.Settled))
                {
                    return;
                }

                progress = target.Progress;
            }

            var left = wait - time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            try
            {
                await progress.WaitAsync(left, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return;
            }
        }
    }

    private void OnAnswer(int index, IPAddress? destination, Datagram datagram, ExtendedError? error)
    {
        lock (_gate)
        {
            if (index < 0 || index >= _byIndex.Count || _byIndex[index] is not { Settled: false } probe
                || destination is null || !destination.Equals(probe.Target.Address))
            {
                return;
            }

            var target = probe.Target;
            var from = error is { } e ? e.Offender : destination;
            probe.Settled = true;
            probe.From = from?.ToString();

            // Both ends on the kernel timestamps' clock; an impossible RTT is left out and counted, never clamped.
            probe.RttMs = ProbeClock.System.RoundTripMs(probe.Sent, datagram.ReceivedRealtimeNs);
            if (probe.RttMs is null)
            {
                target.Discarded++;
            }

            if (error is null || (error.Value.IsUnreachable && target.Address!.Equals(from)))
            {
                // An echo reply, or port unreachable from the destination itself: arrived.
                target.ReachedTtl = Math.Min(target.ReachedTtl ?? int.MaxValue, probe.Ttl);
            }
            else if (!error.Value.IsTimeExceeded && probe.Ttl < (target.StoppedTtl ?? int.MaxValue))
            {
                target.StoppedTtl = probe.Ttl;
                target.StopReason = $"{error.Value.Describe()} at hop {probe.Ttl}";
            }

            target.Progressed();
        }

        CheckDone();
    }

    private void CheckDone()
    {
        lock (_gate)
        {
            if (Targets.TrueForAll(t => t.Address is null || t.Done) && _settled.TrySetResult())
            {
                // The next wait (a retry) needs a fresh signal.
                _settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}
