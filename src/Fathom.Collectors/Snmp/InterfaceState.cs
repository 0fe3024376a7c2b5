using Fathom.Collectors.Common.Snmp;
using Fathom.Core.Collectors;

namespace Fathom.Collectors.Snmp;

/// <summary>
/// One polled interface: where it is (ifIndex), what it is called, what the agent has for it
/// (64-bit counters, ifHighSpeed), and the previous counter readings its rates come from.
/// </summary>
internal sealed class InterfaceState(uint index, string name, IfField nameField)
{
    private const int Counters = 6;

    private static readonly IfField[] Hc = [IfField.HcInOctets, IfField.HcOutOctets, IfField.InErrors, IfField.OutErrors, IfField.InDiscards, IfField.OutDiscards];
    private static readonly IfField[] Plain = [IfField.InOctets, IfField.OutOctets, IfField.InErrors, IfField.OutErrors, IfField.InDiscards, IfField.OutDiscards];

    private readonly ulong[] _previous = new ulong[Counters];
    private readonly bool[] _previous32 = new bool[Counters];
    private readonly bool[] _hasPrevious = new bool[Counters];
    private InterfaceSeries? _series;
    private CollectContext? _seriesContext;
    private PollTime? _previousTime;

    public uint Index { get; } = index;

    public string Name { get; } = name;

    /// <summary>The column <see cref="Name"/> came from, read again each poll to notice an index that moved.</summary>
    public IfField NameField { get; } = nameField;

    public bool? HasHc { get; private set; }

    public bool? HasHighSpeed { get; private set; }

    /// <summary>Emits one reading (values by <see cref="IfField"/>; null where not read or absent).</summary>
    public void Emit(CollectContext context, string address, SnmpValue?[] reading, PollTime time, long now)
    {
        if (!ReferenceEquals(_seriesContext, context))
        {
            _series = new InterfaceSeries(context, address, Name, Index);
            _seriesContext = context;
        }

        var series = _series!;
        var hc = Present(reading[(int)IfField.HcInOctets]) && Present(reading[(int)IfField.HcOutOctets]);
        // Neither kind answered: ask for both next time.
        HasHc = hc ? true : Present(reading[(int)IfField.InOctets]) ? false : null;

        var (seconds, restarted) = _previousTime is { } p ? time.Since(p) : (0, false);
        var fields = hc ? Hc : Plain;
        for (var i = 0; i < Counters; i++)
        {
            if (reading[(int)fields[i]] is not { } v || !IsCounter(v.Type))
            {
                _hasPrevious[i] = false;
                continue;
            }

            var value = v.UInt64;
            var is32 = v.Type == SnmpType.Counter32;
            context.Emit(series.Counters[i], value, now);
            if (_hasPrevious[i] && _previous32[i] == is32
                && CounterRate.PerSecond(_previous[i], value, is32, seconds, restarted) is { } rate)
            {
                context.Emit(series.Rates[i], i < 2 ? rate * 8 : rate, now);
            }

            (_previous[i], _previous32[i], _hasPrevious[i]) = (value, is32, true);
        }

        _previousTime = time;
        if (reading[(int)IfField.OperStatus] is { Type: SnmpType.Integer } oper)
        {
            context.Emit(series.OperStatus, oper.Int64, now);
        }

        if (reading[(int)IfField.AdminStatus] is { Type: SnmpType.Integer } admin)
        {
            context.Emit(series.AdminStatus, admin.Int64, now);
        }

        EmitSpeed(context, series, reading, now);
    }

    private void EmitSpeed(CollectContext context, InterfaceSeries series, SnmpValue?[] reading, long now)
    {
        if (reading[(int)IfField.HighSpeed] is { Type: SnmpType.Gauge32 } high)
        {
            HasHighSpeed = true;
            context.Emit(series.Speed, high.UInt64 * 1e6, now);
        }
        else if (reading[(int)IfField.Speed] is { Type: SnmpType.Gauge32 } speed)
        {
            HasHighSpeed = false;
            context.Emit(series.Speed, speed.UInt64, now);
        }
        else
        {
            HasHighSpeed = null;
        }
    }

    private static bool Present(SnmpValue? v) => v is { IsException: false } && IsCounter(v.Value.Type);

    private static bool IsCounter(SnmpType type) => type is SnmpType.Counter32 or SnmpType.Counter64;
}
