using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Hints;

/// <summary>
/// Chooses the lookup server to register with from an activehosts.json: the alive server with
/// the lowest TCP connect latency. Call <see cref="ChooseAsync"/> at every check. It keeps its
/// choice until the current server has been worse than the best one (by more than
/// <see cref="ChooserOptions.RelativeMargin"/> and <see cref="ChooserOptions.AbsoluteMargin"/>)
/// for <see cref="ChooserOptions.ChecksBeforeSwitch"/> consecutive checks, so records do not
/// hop between servers on jitter; a current server that stops answering, or that the hints no
/// longer list as alive, is replaced at once.
/// </summary>
public sealed partial class ServerChooser(IConnectProber prober, TimeProvider time, ILogger logger, ChooserOptions? options = null)
{
    private readonly ChooserOptions _options = options ?? new ChooserOptions();
    private int _worseChecks;

    /// <summary>The server chosen at the last check; null before the first or when none answered.</summary>
    public Uri? Current { get; private set; }

    /// <summary>When <see cref="Current"/> was chosen.</summary>
    public DateTimeOffset? CurrentSince { get; private set; }

    /// <summary>The connect latency of each alive server at the last check (null: did not answer).</summary>
    public IReadOnlyDictionary<Uri, TimeSpan?> LastLatencies { get; private set; } = new Dictionary<Uri, TimeSpan?>();

    /// <summary>Probes every alive server in <paramref name="hosts"/> and returns the server to use now, or null when none answers.</summary>
    public async Task<Uri?> ChooseAsync(IReadOnlyList<HintHost> hosts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var alive = hosts.Where(h => h.Status == HintStatus.Alive).DistinctBy(h => h.Locator).ToList();
        if (alive.Count == 0)
        {
            Log.NoneAlive(logger, hosts.Count);
        }

        var latencies = await Task.WhenAll(alive.Select(h => prober.ProbeAsync(h.Locator, _options.ProbeTimeout, cancellationToken))).ConfigureAwait(false);
        LastLatencies = alive.Zip(latencies).ToDictionary(p => p.First.Locator, p => p.Second);

        // Lowest latency first; the hints' priority, then their order, break ties.
        var best = alive.Zip(latencies)
            .Select((p, i) => (p.First.Locator, Latency: p.Second, p.First.Priority, Index: i))
            .Where(p => p.Latency is not null)
            .OrderBy(p => p.Latency).ThenBy(p => p.Priority).ThenBy(p => p.Index)
            .Select(p => (p.Locator, Latency: p.Latency!.Value))
            .FirstOrDefault();
        if (best.Locator is null)
        {
            if (alive.Count > 0)
            {
                Log.NoneAnswers(logger, alive.Count, _options.ProbeTimeout.TotalMilliseconds);
            }

            SwitchTo(null, null);
            return null;
        }

        if (Current is null || !LastLatencies.TryGetValue(Current, out var currentLatency) || currentLatency is null)
        {
            SwitchTo(best.Locator, best.Latency);
            return Current;
        }

        var gap = currentLatency.Value - best.Latency;
        var worse = gap > _options.AbsoluteMargin && currentLatency.Value.Ticks > best.Latency.Ticks * (1 + _options.RelativeMargin);
        _worseChecks = worse ? _worseChecks + 1 : 0;
        if (_worseChecks >= _options.ChecksBeforeSwitch)
        {
            SwitchTo(best.Locator, best.Latency);
        }

        return Current;
    }

    private void SwitchTo(Uri? next, TimeSpan? latency)
    {
        _worseChecks = 0;
        if (next == Current)
        {
            return;
        }

        if (next is not null)
        {
            Log.Chose(logger, next, latency!.Value.TotalMilliseconds, Current);
        }

        Current = next;
        CurrentSince = next is null ? null : time.GetUtcNow();
    }
}
