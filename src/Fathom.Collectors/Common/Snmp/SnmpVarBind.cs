namespace Fathom.Collectors.Common.Snmp;

/// <summary>One variable binding: an OID and its value (or an exception such as noSuchInstance).</summary>
public readonly record struct SnmpVarBind(Oid Oid, SnmpValue Value)
{
    public override string ToString() => $"{Oid} = {Value}";
}
