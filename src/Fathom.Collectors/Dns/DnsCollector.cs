using Fathom.Collectors.Probes;
using Fathom.Core.Collectors;

namespace Fathom.Collectors.Dns;

/// <summary>
/// Asks one question of one or more DNS servers each run (perfSONAR's dns test, blackbox's dns
/// probe), with our own message code: UDP, TCP when the reply is truncated or when asked.
/// </summary>
internal sealed class DnsCollector : ICollector, ICollectorWarmUp
{
    public static CollectorDescriptor Descriptor { get; } = new("dns", DnsConfig.Keys, static () => new DnsCollector());

    private DnsSettings? _settings;
    private CollectContext? _context;
    private DnsTarget[] _targets = [];

    public void Init(CollectorConfig config) => _settings = DnsConfig.Read(config);

    public async ValueTask WarmUpAsync(CollectContext context, CancellationToken cancellationToken)
    {
        var settings = _settings ?? throw new InvalidOperationException("Init was not called");
        await ProbeWarmup.RunAsync(ct => DnsWarmup.RunAsync(settings, context, ct), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken)
    {
        var settings = _settings ?? throw new InvalidOperationException("Init was not called");
        if (!ReferenceEquals(context, _context))
        {
            _context = context;
            _targets = [.. settings.Servers.Select(s => new DnsTarget(context, s, settings))];
        }

        // Servers are asked in parallel; each probe ends at its own timeout, so this wait is bounded.
        var results = await Task.WhenAll(_targets.Select(t => t.ProbeAsync(cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < _targets.Length; i++)
        {
            _targets[i].Emit(results[i]);
        }

        return CollectOutcome.Default;
    }
}
