namespace Fathom.Collectors.Snmp;

/// <summary>The IF-MIB columns read per interface; <see cref="IfFields.Column"/> gives each one's OID.</summary>
internal enum IfField
{
    Name,
    Descr,
    HcInOctets,
    HcOutOctets,
    InOctets,
    OutOctets,
    InErrors,
    OutErrors,
    InDiscards,
    OutDiscards,
    OperStatus,
    AdminStatus,
    HighSpeed,
    Speed,
}
