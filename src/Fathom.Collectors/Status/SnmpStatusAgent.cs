using System.Net;
using Fathom.Collectors.Common.Snmp;
using Fathom.Core.Collectors;

namespace Fathom.Collectors.Status;

/// <summary>
/// perfSONAR's SNMP agent: GETs ifOperStatus and/or ifAdminStatus of one interface through the
/// shared <see cref="SnmpClient"/>. An interface given by name is resolved through ifName, then
/// ifDescr, and again whenever its index stops answering (the agent renumbered it).
/// </summary>
internal sealed class SnmpStatusAgent(string name, StatusKinds kinds, string host, int port, string community, string iface, TimeSpan timeout, int retries) : IStatusAgent
{
    private static readonly Oid IfOperStatus = Oid.Parse("1.3.6.1.2.1.2.2.1.8");
    private static readonly Oid IfAdminStatus = Oid.Parse("1.3.6.1.2.1.2.2.1.7");
    private static readonly Oid IfName = Oid.Parse("1.3.6.1.2.1.31.1.1.1.1");
    private static readonly Oid IfDescr = Oid.Parse("1.3.6.1.2.1.2.2.1.2");
    private static readonly Oid[] NameColumns = [IfName, IfDescr];
    private readonly uint? _fixedIndex = uint.TryParse(iface, out var i) ? i : null;
    private uint? _index;

    public string Name { get; } = name;

    public StatusKinds Kinds { get; } = kinds;

    public async Task<AgentReading> ReadAsync(CollectContext context, CancellationToken cancellationToken)
    {
        try
        {
            var agent = new SnmpAgent(await EndPointAsync(cancellationToken).ConfigureAwait(false), community, timeout, retries);
            var index = _fixedIndex ?? _index ?? await ResolveAsync(agent, cancellationToken).ConfigureAwait(false);
            if (index is not { } ifIndex)
            {
                return AgentReading.Failed(Kinds, $"no interface named '{iface}' in ifName or ifDescr of {agent.EndPoint}");
            }

            _index = ifIndex;
            List<Oid> oids = [];
            if (Kinds.HasFlag(StatusKinds.Oper))
            {
                oids.Add(IfOperStatus.Append(ifIndex));
            }

            if (Kinds.HasFlag(StatusKinds.Admin))
            {
                oids.Add(IfAdminStatus.Append(ifIndex));
            }

            var response = await SnmpClient.Shared.GetAsync(agent, oids, cancellationToken).ConfigureAwait(false);
            return Reading(response, ifIndex, agent.EndPoint);
        }
        catch (SnmpException e)
        {
            return AgentReading.Failed(Kinds, e.Message);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            return AgentReading.Failed(Kinds, $"cannot resolve {host}: {e.Message}");
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

            if (vb.Oid.StartsWith(IfOperStatus))
            {
                oper = Oper(vb.Value.Int64);
            }
            else if (vb.Oid.StartsWith(IfAdminStatus))
            {
                admin = Admin(vb.Value.Int64);
            }
        }

        var missing = (Kinds.HasFlag(StatusKinds.Oper) && oper is null) || (Kinds.HasFlag(StatusKinds.Admin) && admin is null);
        return missing ? AgentReading.Failed(Kinds, $"{endPoint} answered without the status of ifIndex {ifIndex}") : new AgentReading(oper, admin);
    }

    private async Task<uint?> ResolveAsync(SnmpAgent agent, CancellationToken cancellationToken)
    {
        foreach (var column in NameColumns)
        {
            foreach (var vb in await SnmpClient.Shared.WalkAsync(agent, column, 16, cancellationToken).ConfigureAwait(false))
            {
                if (vb.Value.Type == SnmpType.OctetString && vb.Value.Text == iface && vb.Oid.TryGetSuffix(column, out var index))
                {
                    return index;
                }
            }
        }

        return null;
    }

    private async Task<IPEndPoint> EndPointAsync(CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        var addresses = await System.Net.Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        return addresses.Length > 0
            ? new IPEndPoint(addresses[0], port)
            : throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound);
    }
}
