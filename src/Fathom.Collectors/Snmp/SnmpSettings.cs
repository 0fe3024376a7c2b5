namespace Fathom.Collectors.Snmp;

/// <summary>An snmp collector block, checked. <see cref="Timeout"/> is per try; a request makes 1 + <see cref="Retries"/> tries.</summary>
internal sealed record SnmpSettings(
    string Address,
    int Port,
    string Community,
    TimeSpan Timeout,
    int Retries,
    IReadOnlyList<InterfaceSpec> Interfaces,
    IReadOnlyList<ExtraOid> Extras,
    bool CheckAllInterfaces);
