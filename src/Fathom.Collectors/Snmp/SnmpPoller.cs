using System.Net;
using Fathom.Collectors.Common.Snmp;
using Fathom.Collectors.Net;
using Fathom.Core.Collectors;

namespace Fathom.Collectors.Snmp;

/// <summary>
/// One agent's poll: a single GET (split into PDUs sent together) of sysUpTime, the extra OIDs
/// and every configured interface's columns; with check_all_interfaces, GETBULK walks of the
/// interface columns at the same time. Interfaces are found by name once and again only when the
/// name read back at their index no longer matches.
/// </summary>
internal sealed partial class SnmpPoller(SnmpSettings settings, SnmpClient client)
{
    // snmpd answers at most 100 varbinds per GETBULK (maxGetbulkResponses): one column per walk fills that.
    private const int WalkRepetitions = 100;

    private readonly InterfaceState?[] _fixed = new InterfaceState?[settings.Interfaces.Count];
    private readonly List<IfField> _fields = [];
    private SnmpAgent? _agent;

    public async Task PollAsync(CollectContext context, CancellationToken cancellationToken)
    {
        var agent = _agent ??= await AgentAsync(cancellationToken).ConfigureAwait(false);
        await ResolveAsync(agent, context, cancellationToken).ConfigureAwait(false);
        var walk = settings.CheckAllInterfaces ? WalkTableAsync(agent, cancellationToken) : null;
        // A walk alone needs no GET of its own beyond the sysUpTime it sends itself.
        var moved = !(walk is not null && settings.Extras.Count == 0)
            && await ReadFixedAsync(agent, context, extras: true, cancellationToken).ConfigureAwait(false);
        if (walk is not null)
        {
            var (table, upTime) = await walk.ConfigureAwait(false);
            EmitTable(context, table, Time(context, upTime));
        }

        // An interface found elsewhere than its index says: found again and read again in this poll.
        if (moved)
        {
            await ResolveAsync(agent, context, cancellationToken).ConfigureAwait(false);
            await ReadFixedAsync(agent, context, extras: false, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SnmpAgent> AgentAsync(CancellationToken cancellationToken)
    {
        var (address, error) = await HostResolver.ResolveAsync(settings.Address, settings.Timeout, cancellationToken).ConfigureAwait(false);
        return address is null
            ? throw new SnmpException(SnmpErrorKind.Refused, error ?? $"cannot resolve {settings.Address}")
            : new SnmpAgent(new IPEndPoint(address, settings.Port), settings.Community, settings.Timeout, settings.Retries);
    }

    private PollTime Time(CollectContext context, SnmpValue upTime) =>
        new(upTime.Type == SnmpType.TimeTicks ? upTime.UInt64 : null, context.Time.GetTimestamp() / (double)context.Time.TimestampFrequency);

    // Finds every configured interface not yet found, walking ifName and ifDescr together.
    private async Task ResolveAsync(SnmpAgent agent, CollectContext context, CancellationToken cancellationToken)
    {
        if (Array.TrueForAll(_fixed, s => s is not null))
        {
            return;
        }

        var names = await InterfaceNames.ReadAsync(client, agent, WalkRepetitions, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < _fixed.Length; i++)
        {
            if (_fixed[i] is not null)
            {
                continue;
            }

            var spec = settings.Interfaces[i];
            if (InterfaceResolver.Resolve(spec, names) is { } found)
            {
                _fixed[i] = new InterfaceState(found.Index, found.Name, found.NameField);
                Log.Resolved(context.Logger, spec.Text, found.Name, found.Index, settings.Address);
            }
            else
            {
                context.ReportProblem(spec.Index is { } index
                    ? $"snmp {settings.Address}: no interface with ifIndex {index}"
                    : $"snmp {settings.Address}: no interface named '{spec.Text}' (neither ifName nor ifDescr)");
            }
        }
    }

    // Reads sysUpTime, the extras when asked, and every found interface; true when one of them moved.
    private async Task<bool> ReadFixedAsync(SnmpAgent agent, CollectContext context, bool extras, CancellationToken cancellationToken)
    {
        var oids = new List<Oid> { IfOids.SysUpTime };
        if (extras)
        {
            oids.AddRange(settings.Extras.Select(e => e.Oid));
        }

        var layout = new List<(int State, int Start, IfField[] Fields)>();
        for (var i = 0; i < _fixed.Length; i++)
        {
            if (_fixed[i] is not { } state)
            {
                continue;
            }

            _fields.Clear();
            IfFields.Select(_fields, state.HasHc, state.HasHighSpeed, state.NameField);
            layout.Add((i, oids.Count, [.. _fields]));
            oids.AddRange(_fields.Select(f => IfFields.Column(f).Append(state.Index)));
        }

        if (!extras && layout.Count == 0)
        {
            return false;
        }

        var values = await SnmpGets.GetAsync(client, agent, oids, cancellationToken).ConfigureAwait(false);
        var time = Time(context, values[0]);
        var now = context.SampleTimeUnixNs();
        if (extras)
        {
            EmitExtras(context, values, now);
        }

        var moved = false;
        var reading = new SnmpValue?[IfFields.Count];
        foreach (var (i, start, fields) in layout)
        {
            var state = _fixed[i]!;
            Array.Clear(reading);
            for (var f = 0; f < fields.Length; f++)
            {
                reading[(int)fields[f]] = values[start + f].IsException ? null : values[start + f];
            }

            if (reading[(int)state.NameField] is not { Type: SnmpType.OctetString } name || name.Text != state.Name)
            {
                Log.Moved(context.Logger, settings.Interfaces[i].Text, state.Index, reading[(int)state.NameField]?.Text ?? "(none)", settings.Address);
                _fixed[i] = null;
                moved = true;
                continue;
            }

            state.Emit(context, settings.Address, reading, time, now);
        }

        return moved;
    }

    private async Task<List<SnmpVarBind>> WalkColumnAsync(SnmpAgent agent, Oid column, CancellationToken cancellationToken) =>
        [.. await client.WalkAsync(agent, column, WalkRepetitions, cancellationToken).ConfigureAwait(false)];
}
