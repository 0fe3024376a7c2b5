using System.Diagnostics;
using System.Net.Sockets;
using Fathom.Collectors.Net;

namespace Fathom.Collectors.Ping;

/// <summary>
/// A ping collector's runs: resolve the targets that are names, lay count probes per target out
/// on one schedule (targets staggered, probes to one target an interval apart), hand each
/// endpoint its batch, and wait until both are over. The endpoints' threads send and tally;
/// targets, probes and batches are kept run after run (runs of one collector never overlap).
/// The send schedule is kept on the monotonic clock by the endpoint's ppoll(), the clock the
/// RTTs are measured on; the context's TimeProvider still stamps the samples.
/// </summary>
internal sealed class PingRun(PingSettings settings, IcmpSocketKind kind)
{
    // Sends due within this window go out together: one wakeup per batch of sends, not per probe.
    private static readonly TimeSpan Batch = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan TargetSpacing = TimeSpan.FromMilliseconds(1);
    private readonly PingBatch _v4 = new();
    private readonly PingBatch _v6 = new();
    private PingEndpoint? _endpoint4;
    private PingEndpoint? _endpoint6;

    public PingTarget[] Targets { get; } = [.. settings.Targets.Select(t => new PingTarget(t))];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var t in Targets)
        {
            t.Reset();
        }

        await ResolveNamesAsync(cancellationToken).ConfigureAwait(false);
        bool any4 = false, any6 = false;
        foreach (var t in Targets)
        {
            any4 |= t.Address?.AddressFamily == AddressFamily.InterNetwork;
            any6 |= t.Address?.AddressFamily == AddressFamily.InterNetworkV6;
        }

        using var v4 = any4 ? PingEndpoints.Acquire(kind, false, settings.Ttl) : null;
        using var v6 = any6 ? PingEndpoints.Acquire(kind, true, settings.Ttl) : null;
        _endpoint4 = v4?.Endpoint;
        _endpoint6 = v6?.Endpoint;
        try
        {
            Plan();
            // The run's deadline (or the daemon stopping) ends the wait; what came back so far is reported.
            using var cancel = cancellationToken.UnsafeRegister(static s => ((PingRun)s!).Cancel(), this);
            _endpoint4?.Submit(_v4);
            _endpoint6?.Submit(_v6);
            if (_endpoint4 is not null)
            {
                await _v4.Completion.ConfigureAwait(false);
            }

            if (_endpoint6 is not null)
            {
                await _v6.Completion.ConfigureAwait(false);
            }
        }
        finally
        {
            _endpoint4 = null;
            _endpoint6 = null;
        }
    }

    private void Cancel()
    {
        _v4.Cancel();
        _v6.Cancel();
        _endpoint4?.Wake();
        _endpoint6?.Wake();
    }

    private async Task ResolveNamesAsync(CancellationToken cancellationToken)
    {
        var names = Targets.Where(t => t.IsName).ToList();
        if (names.Count == 0)
        {
            return;
        }

        var resolveTimeout = settings.ProbeTimeout * 5;
        var resolved = await Task.WhenAll(names.Select(t => HostResolver.ResolveAsync(t.Name, resolveTimeout, cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < names.Count; i++)
        {
            names[i].Resolved(resolved[i].Address, resolved[i].Error);
        }
    }

    /// <summary>Fills the batches: round k, target j is due k × interval + j × spacing after the endpoint takes the batch.</summary>
    private void Plan()
    {
        _v4.Start(settings.ProbeTimeout, Batch, settings.Size);
        _v6.Start(settings.ProbeTimeout, Batch, settings.Size);
        var live = Targets.Count(t => t.Address is not null);
        if (live == 0)
        {
            return;
        }

        var spacing = TimeSpan.FromTicks(Math.Min(TargetSpacing.Ticks, settings.Interval.Ticks / live));
        for (var k = 0; k < settings.Count; k++)
        {
            var j = 0;
            foreach (var target in Targets)
            {
                if (target.Address is not { } address)
                {
                    continue;
                }

                // A round starts on time; the staggered targets within it may go up to one batch early.
                var offset = (long)(((k * settings.Interval) + (j * spacing)).TotalSeconds * Stopwatch.Frequency);
                (address.AddressFamily == AddressFamily.InterNetwork ? _v4 : _v6).Add(target, offset, mayGoEarly: j > 0);
                j++;
            }
        }
    }
}
