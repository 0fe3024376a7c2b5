using Fathom.Collectors.Common.Snmp;
using Fathom.Core.Collectors;
using Fathom.Core.Measurements;

namespace Fathom.Collectors.Snmp;

/// <summary>The 'oid NAME OID UNIT' values, read in the poll's GET right after sysUpTime.</summary>
internal sealed partial class SnmpPoller
{
    private SeriesKey[] _extraSeries = [];
    private CollectContext? _extraContext;

    private void EmitExtras(CollectContext context, SnmpValue[] values, long now)
    {
        if (!ReferenceEquals(_extraContext, context))
        {
            _extraSeries = [.. settings.Extras.Select(e => context.Series(e.Measurement, e.Unit, new KeyValuePair<string, string>("address", settings.Address)))];
            _extraContext = context;
        }

        for (var i = 0; i < settings.Extras.Count; i++)
        {
            var extra = settings.Extras[i];
            var value = values[1 + i];
            if (value.TryGetDouble(out var number))
            {
                context.Emit(_extraSeries[i], number, now);
            }
            else
            {
                context.ReportProblem(value.IsException
                    ? $"snmp {settings.Address}: oid {extra.Name} ({extra.Oid}): {value}"
                    : $"snmp {settings.Address}: oid {extra.Name} ({extra.Oid}) is not a number: {value.Type} {value}");
            }
        }
    }
}
