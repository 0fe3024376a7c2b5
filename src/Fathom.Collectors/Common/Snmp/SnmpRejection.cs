namespace Fathom.Collectors.Common.Snmp;

/// <summary>A decode failure: why, where (byte offset in the packet) and in which element (a literal, so no allocation).</summary>
internal readonly record struct SnmpRejection(SnmpRejectReason Reason, int Offset, string What)
{
    public string Describe() => Reason switch
    {
        SnmpRejectReason.Truncated => $"truncated: {What} runs past the end (byte {Offset})",
        SnmpRejectReason.BadLength => $"bad length field of {What} at byte {Offset}",
        SnmpRejectReason.WrongTag => $"wrong type for {What} at byte {Offset}",
        SnmpRejectReason.BadInteger => $"bad integer for {What} at byte {Offset}",
        SnmpRejectReason.BadOid => $"bad OID in {What} at byte {Offset}",
        SnmpRejectReason.BadValue => $"bad value for {What} at byte {Offset}",
        SnmpRejectReason.TrailingBytes => $"bytes left over after {What} (byte {Offset})",
        SnmpRejectReason.WrongVersion => $"wrong version ({What})",
        SnmpRejectReason.WrongCommunity => $"wrong community {What}",
        SnmpRejectReason.Report => "a Report-PDU (the agent wants SNMPv3)",
        SnmpRejectReason.WrongPduType => $"not a Response-PDU ({What})",
        SnmpRejectReason.UnknownRequestId => $"unknown request-id {What}",
        SnmpRejectReason.WrongSource => $"request-id from the wrong source {What}",
        SnmpRejectReason.Oversized => "a datagram larger than the receive buffer",
        _ => Reason.ToString(),
    };
}
