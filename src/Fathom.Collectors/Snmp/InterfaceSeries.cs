using System.Globalization;
using Fathom.Core.Collectors;
using Fathom.Core.Measurements;

namespace Fathom.Collectors.Snmp;

/// <summary>The series of one interface, tagged address, interface (its name) and ifindex.</summary>
internal sealed class InterfaceSeries
{
    public static readonly string[] CounterNames = ["in_octets", "out_octets", "in_errors", "out_errors", "in_discards", "out_discards"];

    public InterfaceSeries(CollectContext context, string address, string name, uint index)
    {
        KeyValuePair<string, string>[] tags =
        [
            new("address", address),
            new("interface", name),
            new("ifindex", index.ToString(CultureInfo.InvariantCulture)),
        ];
        Counters = new SeriesKey[CounterNames.Length];
        Rates = new SeriesKey[CounterNames.Length];
        for (var i = 0; i < CounterNames.Length; i++)
        {
            var octets = i < 2;
            Counters[i] = context.Series("snmp.if." + CounterNames[i], octets ? Units.Bytes : Units.Count, tags);
            // Octet rates in bits/s, as link loads are read; errors and discards per second.
            Rates[i] = context.Series("snmp.if." + CounterNames[i] + ".rate", octets ? Units.BitsPerSecond : Units.CountPerSecond, tags);
        }

        OperStatus = context.Series("snmp.if.oper_status", Units.State, tags);
        AdminStatus = context.Series("snmp.if.admin_status", Units.State, tags);
        Speed = context.Series("snmp.if.speed", Units.BitsPerSecond, tags);
    }

    public SeriesKey[] Counters { get; }

    public SeriesKey[] Rates { get; }

    public SeriesKey OperStatus { get; }

    public SeriesKey AdminStatus { get; }

    public SeriesKey Speed { get; }
}
