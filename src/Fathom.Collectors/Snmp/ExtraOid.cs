using Fathom.Collectors.Common.Snmp;

namespace Fathom.Collectors.Snmp;

/// <summary>An 'oid NAME OID UNIT' line: one value read each poll and emitted as snmp.NAME.</summary>
internal sealed record ExtraOid(string Name, Oid Oid, string Unit)
{
    public string Measurement => "snmp." + Name;
}
