namespace Fathom.Collectors.Common.Snmp;

/// <summary>The IF-MIB and SNMPv2-MIB objects the snmp and status collectors read (RFC 2863, RFC 3418).</summary>
internal static class IfOids
{
    public static readonly Oid SysUpTime = Oid.Parse("1.3.6.1.2.1.1.3.0");

    // ifTable (1.3.6.1.2.1.2.2.1) columns.
    public static readonly Oid IfDescr = Oid.Parse("1.3.6.1.2.1.2.2.1.2");
    public static readonly Oid IfSpeed = Oid.Parse("1.3.6.1.2.1.2.2.1.5");
    public static readonly Oid IfAdminStatus = Oid.Parse("1.3.6.1.2.1.2.2.1.7");
    public static readonly Oid IfOperStatus = Oid.Parse("1.3.6.1.2.1.2.2.1.8");
    public static readonly Oid IfInOctets = Oid.Parse("1.3.6.1.2.1.2.2.1.10");
    public static readonly Oid IfInDiscards = Oid.Parse("1.3.6.1.2.1.2.2.1.13");
    public static readonly Oid IfInErrors = Oid.Parse("1.3.6.1.2.1.2.2.1.14");
    public static readonly Oid IfOutOctets = Oid.Parse("1.3.6.1.2.1.2.2.1.16");
    public static readonly Oid IfOutDiscards = Oid.Parse("1.3.6.1.2.1.2.2.1.19");
    public static readonly Oid IfOutErrors = Oid.Parse("1.3.6.1.2.1.2.2.1.20");

    // ifXTable (1.3.6.1.2.1.31.1.1.1) columns.
    public static readonly Oid IfName = Oid.Parse("1.3.6.1.2.1.31.1.1.1.1");
    public static readonly Oid IfHCInOctets = Oid.Parse("1.3.6.1.2.1.31.1.1.1.6");
    public static readonly Oid IfHCOutOctets = Oid.Parse("1.3.6.1.2.1.31.1.1.1.10");
    public static readonly Oid IfHighSpeed = Oid.Parse("1.3.6.1.2.1.31.1.1.1.15");
}
