using System.Net;
using System.Net.Sockets;
using Fathom.Collectors.Net;

namespace Fathom.Collectors.Trace;

/// <summary>
/// One run of a trace collector: every target probed at once (async, one socket and receive
/// thread per address family), TTL 1 up to max_hops, `queries` probes per TTL, until the
/// destination or a dead end answers; then waits up to probe_timeout for the stragglers.
/// </summary>
internal sealed class TraceRun(TraceSettings settings, IcmpSocketKind kind, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<TraceProbe> _byIndex = [];
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<TraceTarget> Targets { get; } = [.. settings.Targets.Select(t => new TraceTarget(t))];

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
        try
        {
            await Task.WhenAll(live.Select(t => SendAsync(t, t.Address!.AddressFamily == AddressFamily.InterNetwork ? v4! : v6!, cancellationToken))).ConfigureAwait(false);
            CheckDone();
            await _done.Task.WaitAsync(settings.ProbeTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Probes still unanswered stay silent hops.
        }
        catch (OperationCanceledException)
        {
            // The run's deadline: report the path found so far.
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

                    lock (_gate)
                    {
                        if (target.EndTtl is { } end && end < ttl)
                        {
                            return;
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
                    }
                }
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
        }

        CheckDone();
    }

    private void CheckDone()
    {
        lock (_gate)
        {
            if (Targets.TrueForAll(t => t.Address is null || t.Done))
            {
                _done.TrySetResult();
            }
        }
    }
}
