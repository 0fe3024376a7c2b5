using System.Net;
using Fathom.Collectors.Common.Snmp;
using Fathom.Collectors.Net;
using Fathom.Core.Collectors;

namespace Fathom.Collectors.Status;

/// <summary>
/// perfSONAR's SNMP agent: GETs ifOperStatus and/or ifAdminStatus of one interface through the
/// shared <see cref="SnmpClient"/>. An interface given by name is resolved through ifName, then
/// ifDescr, and again whenever its index stops answering (the agent renumbered it).
/// </summary>
internal sealed class SnmpStatusAgent(string name, StatusKinds kinds, string host, int port, string community, string iface, TimeSpan timeout, int retries) : IStatusAgent
{
    private const int WalkRepetitions = 16;
    private readonly uint? _fixedIndex = uint.TryParse(iface, out var i) ? i : null;
    private uint? _index;

    public string Name { get; } = name;

    public StatusKinds Kinds { get; } = kinds;

    public async Task<AgentReading> ReadAsync(CollectContext context, CancellationToken cancellationToken)
    {
        try
        {
            var (address, error) = await HostResolver.ResolveAsync(host, timeout, cancellationToken).ConfigureAwait(false);
            if (address is null)
            {
                return AgentReading.Failed(Kinds, error ?? $"cannot resolve {host}");
            }

            var agent = new SnmpAgent(new IPEndPoint(address, port), community, timeout, retries);
            var index = _fixedIndex ?? _index
                ?? (await InterfaceNames.ReadAsync(SnmpClient.Shared, agent, WalkRepetitions, cancellationToken).ConfigureAwait(false)).Find(iface);
            if (index is not { } ifIndex)
            {
                return AgentReading.Failed(Kinds, $"no interface named '{iface}' in ifName or ifDescr of {agent.EndPoint}");
            }

            _index = ifIndex;
            List<Oid> oids = [];
            if (Kinds.HasFlag(StatusKinds.Oper))
            {
                oids.Add(IfOids.IfOperStatus.Append(ifIndex));
            }

            if (Kinds.HasFlag(StatusKinds.Admin))
            {
                oids.Add(IfOids.IfAdminStatus.Append(ifIndex));
            }

            var response = await SnmpClient.Shared.GetAsync(agent, oids, cancellationToken).ConfigureAwait(false);
            return Reading(response, ifIndex, agent.EndPoint);
        }
        catch (SnmpException e)
        {
            return AgentReading.Failed(Kinds, e.Message);
        }
    }

    /// <summary>ifOperStatus 1 up, 2 down, 3 testing; anything else (dormant, lowerLayerDown…) unknown.</summary>
    public static OperState Oper(long value) => value switch
    {
        1 => OperState.Up,
        2 => OperState.Down,
        3 => OperState.Degraded,
        _ => OperState.Unknown,
    };

    /// <summary>ifAdminStatus 1 up, 2 down, 3 testing.</summary>
    public static AdminState Admin(long value) => value switch
    {
        1 => AdminState.NormalOperation,
        2 => AdminState.Maintenance,
        3 => AdminState.Troubleshooting,
        _ => AdminState.Unknown,
    };

    private AgentReading Reading(SnmpResponse response, uint ifIndex, IPEndPoint endPoint)
    {
        OperState? oper = null;
        AdminState? admin = null;
        foreach (var vb in response.VarBinds)
        {
            if (vb.Value.IsException || vb.Value.Type != SnmpType.Integer)
            {
                // A vanished index is re-resolved by name next time.
                _index = null;
                return AgentReading.Failed(Kinds, $"{vb.Oid} of interface '{iface}' (ifIndex {ifIndex}) at {endPoint} is {vb.Value.Type}, not an INTEGER");
            }

            if (vb.Oid.StartsWith(IfOids.IfOperStatus))
            {
                oper = Oper(vb.Value.Int64);
            }
            else if (vb.Oid.StartsWith(IfOids.IfAdminStatus))
            {
                admin = Admin(vb.Value.Int64);
            }
        }

        var missing = (Kinds.HasFlag(StatusKinds.Oper) && oper is null) || (Kinds.HasFlag(StatusKinds.Admin) && admin is null);
        return missing ? AgentReading.Failed(Kinds, $"{endPoint} answered without the status of ifIndex {ifIndex}") : new AgentReading(oper, admin);
    }
}
