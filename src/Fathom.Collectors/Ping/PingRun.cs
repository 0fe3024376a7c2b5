using System.Diagnostics;
using System.Net.Sockets;
using Fathom.Collectors.Net;

namespace Fathom.Collectors.Ping;

/// <summary>
/// One run of a ping collector: resolve every target, send count probes to each on one timer
/// schedule (targets staggered, probes to one target an interval apart), then wait for the last
/// replies. Replies are tallied by the endpoints' receive threads; no thread per target.
/// </summary>
internal sealed class PingRun(PingSettings settings, IcmpSocketKind kind, TimeProvider time)
{
    // Sends due within this window go out together: one timer wakeup per batch, not per probe.
    private static readonly TimeSpan Batch = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan TargetSpacing = TimeSpan.FromMilliseconds(1);
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<PingProbe> _probes = [];
    private int _outstanding = 1;

    public double TimeoutMs { get; } = settings.ProbeTimeout.TotalMilliseconds;

    public List<PingTarget> Targets { get; } = [.. settings.Targets.Select(t => new PingTarget(t))];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var resolveTimeout = settings.ProbeTimeout * 5;
        var resolved = await Task.WhenAll(Targets.Select(t => HostResolver.ResolveAsync(t.Name, resolveTimeout, cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < Targets.Count; i++)
        {
            (Targets[i].Address, Targets[i].ResolveError) = resolved[i];
        }

        var live = Targets.Where(t => t.Address is not null).ToList();
        using var v4 = live.Any(t => t.Address!.AddressFamily == AddressFamily.InterNetwork) ? PingEndpoints.Acquire(kind, false, settings.Ttl) : null;
        using var v6 = live.Any(t => t.Address!.AddressFamily == AddressFamily.InterNetworkV6) ? PingEndpoints.Acquire(kind, true, settings.Ttl) : null;
        try
        {
            await SendAllAsync(live, v4?.Endpoint, v6?.Endpoint, cancellationToken).ConfigureAwait(false);
            Settle();
            await _settled.Task.WaitAsync(settings.ProbeTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Probes still unanswered are lost.
        }
        catch (OperationCanceledException)
        {
            // The run's deadline: report what came back so far rather than nothing.
        }
        finally
        {
            foreach (var p in _probes)
            {
                (p.Address.AddressFamily == AddressFamily.InterNetwork ? v4 : v6)!.Endpoint.Release(p);
            }
        }
    }

    /// <summary>One probe answered or failed; the last one ends the wait.</summary>
    public void Settle()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0)
        {
            _settled.TrySetResult();
        }
    }

    private async Task SendAllAsync(List<PingTarget> live, PingEndpoint? v4, PingEndpoint? v6, CancellationToken cancellationToken)
    {
        if (live.Count == 0)
        {
            return;
        }

        var spacing = TimeSpan.FromTicks(Math.Min(TargetSpacing.Ticks, settings.Interval.Ticks / live.Count));
        var start = time.GetTimestamp();
        for (var k = 0; k < settings.Count; k++)
        {
            for (var j = 0; j < live.Count; j++)
            {
                var due = (k * settings.Interval) + (j * spacing);
                var wait = due - time.GetElapsedTime(start);
                // A round starts on time; the staggered targets within it may go up to one batch early.
                if (wait > Batch || (j == 0 && wait > TimeSpan.Zero))
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }

                var target = live[j];
                var probe = new PingProbe(target, target.Address!, this);
                Interlocked.Increment(ref _outstanding);
                var endpoint = target.Address!.AddressFamily == AddressFamily.InterNetwork ? v4! : v6!;
                target.AddSent(Stopwatch.GetTimestamp());
                if (endpoint.Send(probe, settings.Size) is { } error)
                {
                    target.AddSendError(error);
                    Settle();
                }
                else
                {
                    _probes.Add(probe);
                }
            }
        }
    }
}
