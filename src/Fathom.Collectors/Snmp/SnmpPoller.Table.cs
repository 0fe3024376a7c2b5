using Fathom.Collectors.Common.Snmp;
using Fathom.Core.Collectors;

namespace Fathom.Collectors.Snmp;

/// <summary>check_all_interfaces: every row of the interface table, walked column by column at once.</summary>
internal sealed partial class SnmpPoller
{
    private readonly Dictionary<uint, InterfaceState> _table = [];
    private bool _tableNeedsDescr = true;
    private bool? _tableHasHc;
    private bool? _tableHasHighSpeed;

    private async Task<(Dictionary<uint, SnmpValue?[]> Rows, SnmpValue UpTime)> WalkTableAsync(SnmpAgent agent, CancellationToken cancellationToken)
    {
        var fields = new List<IfField>();
        IfFields.Select(fields, _tableHasHc, _tableHasHighSpeed, IfField.Name);
        if (_tableNeedsDescr)
        {
            fields.Add(IfField.Descr);
        }

        // sysUpTime from a GET sent with the walks, so the rates of the table are timed by the agent too.
        var upTime = client.GetAsync(agent, [IfOids.SysUpTime], cancellationToken);
        var walks = fields.Select(f => WalkColumnAsync(agent, IfFields.Column(f), cancellationToken)).ToArray();
        var up = await upTime.ConfigureAwait(false);
        var columns = await Task.WhenAll(walks).ConfigureAwait(false);
        var rows = new Dictionary<uint, SnmpValue?[]>();
        for (var c = 0; c < fields.Count; c++)
        {
            var column = IfFields.Column(fields[c]);
            foreach (var vb in columns[c])
            {
                if (vb.Value.IsException || !vb.Oid.TryGetSuffix(column, out var index))
                {
                    continue;
                }

                if (!rows.TryGetValue(index, out var row))
                {
                    rows[index] = row = new SnmpValue?[IfFields.Count];
                }

                row[(int)fields[c]] = vb.Value;
            }
        }

        return (rows, up.ErrorStatus == 0 && up.VarBinds.Count == 1 ? up.VarBinds[0].Value : default);
    }

    private void EmitTable(CollectContext context, Dictionary<uint, SnmpValue?[]> rows, PollTime time)
    {
        var now = context.SampleTimeUnixNs();
        var needsDescr = false;
        foreach (var index in _table.Keys.Where(i => !rows.ContainsKey(i)).ToList())
        {
            _table.Remove(index);
        }

        foreach (var (index, row) in rows)
        {
            var known = _table.GetValueOrDefault(index);
            var (name, field) = row[(int)IfField.Name] is { Type: SnmpType.OctetString } n && n.Text.Length > 0 ? (n.Text, IfField.Name)
                : row[(int)IfField.Descr] is { Type: SnmpType.OctetString } d ? (d.Text, IfField.Descr)
                : (known?.Name, IfField.Descr);
            needsDescr |= field == IfField.Descr;
            if (name is null)
            {
                continue; // no name this time: read with ifDescr next poll
            }

            if (known is null || known.Name != name)
            {
                _table[index] = known = new InterfaceState(index, name, field);
            }

            known.Emit(context, settings.Address, row, time, now);
        }

        _tableNeedsDescr = needsDescr;
        _tableHasHc = Agreed(_table.Values.Select(s => s.HasHc));
        _tableHasHighSpeed = Agreed(_table.Values.Select(s => s.HasHighSpeed));
    }

    // One answer for the whole table when every row gives it; else ask for both kinds.
    private static bool? Agreed(IEnumerable<bool?> values)
    {
        bool? agreed = null;
        var first = true;
        foreach (var v in values)
        {
            if (first)
            {
                (agreed, first) = (v, false);
            }
            else if (v != agreed)
            {
                return null;
            }
        }

        return agreed;
    }
}
