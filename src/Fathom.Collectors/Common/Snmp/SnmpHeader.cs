namespace Fathom.Collectors.Common.Snmp;

/// <summary>
/// What precedes the varbinds of a v2c message: checked so far that the message, PDU and packet
/// end together. The community is a range of the packet (no copy).
/// </summary>
internal readonly record struct SnmpHeader(
    int Version, int CommunityOffset, int CommunityLength, byte PduType, int RequestId, int ErrorStatus, int ErrorIndex, int VarBindsOffset);
