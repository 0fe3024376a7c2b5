namespace Fathom.TestSupport.Snmp;

/// <summary>
/// One line of net-snmp's tool output (<c>-On -Oe -Ox</c>): the numeric OID without its leading dot,
/// the tool's type word (INTEGER, Hex-STRING, Counter32, Timeticks, OID, IpAddress, NoSuchObject…)
/// and the value as text: hex digits without spaces for strings, the tick count for Timeticks,
/// the dotted OID without its leading dot.
/// </summary>
public sealed record SnmpToolVarBind(string Oid, string Type, string Value)
{
    /// <summary>The bytes of a Hex-STRING value (empty for <c>""</c>).</summary>
    public byte[] Bytes => Convert.FromHexString(Value);
}
