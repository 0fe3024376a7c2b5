namespace Fathom.Collectors.Common.Snmp;

/// <summary>
/// A Response-PDU. The client's requests throw <see cref="SnmpException"/> (AgentError) when
/// <see cref="ErrorStatus"/> is not 0, so what they return has 0 here.
/// </summary>
public sealed class SnmpResponse(int errorStatus, int errorIndex, IReadOnlyList<SnmpVarBind> varBinds)
{
    public int ErrorStatus { get; } = errorStatus;

    /// <summary>1-based index of the varbind the error is about; 0 when none.</summary>
    public int ErrorIndex { get; } = errorIndex;

    public IReadOnlyList<SnmpVarBind> VarBinds { get; } = varBinds;
}
