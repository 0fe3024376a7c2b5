using Fathom.Collectors.Common.Snmp;
using Fathom.Core.Collectors;

namespace Fathom.Collectors.Snmp;

/// <summary>
/// Polls one SNMP v2c agent (perfSONAR's SNMP collectors, collectd's snmp plugin): per interface
/// snmp.if.* counters, their rates, status and speed; extra OIDs as snmp.NAME. Every snmp
/// collector shares the one socket and receive loop of <see cref="SnmpClient.Shared"/>.
/// </summary>
internal sealed class SnmpCollector : ICollector
{
    public static CollectorDescriptor Descriptor { get; } = new("snmp", SnmpConfig.Keys, static () => new SnmpCollector());

    private SnmpPoller? _poller;

    public void Init(CollectorConfig config) => _poller = new SnmpPoller(SnmpConfig.Read(config), SnmpClient.Shared);

    public async ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken)
    {
        var poller = _poller ?? throw new InvalidOperationException("Init was not called");
        SnmpClient.Shared.UseLogger(context.Logger);
        await poller.PollAsync(context, cancellationToken).ConfigureAwait(false);
        return CollectOutcome.Default;
    }
}
