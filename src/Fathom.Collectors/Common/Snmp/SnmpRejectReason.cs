namespace Fathom.Collectors.Common.Snmp;

/// <summary>Why a received datagram was not taken as the reply to a pending request.</summary>
public enum SnmpRejectReason
{
    /// <summary>A length runs past the end of the packet (or of its enclosing element).</summary>
    Truncated,

    /// <summary>An indefinite, non-minimal or over-long (more than 4 bytes) length field.</summary>
    BadLength,

    /// <summary>An element with the wrong tag for its place (or a high tag number).</summary>
    WrongTag,

    /// <summary>An empty or overflowing integer, a negative unsigned one, an error-status out of range.</summary>
    BadInteger,

    /// <summary>An OID that is empty, unterminated, non-minimal, overflowing or longer than 128 arcs.</summary>
    BadOid,

    /// <summary>A value whose length does not suit its type (an IpAddress of other than 4 bytes, a Null with content).</summary>
    BadValue,

    /// <summary>Bytes left over after an element that should end there.</summary>
    TrailingBytes,

    /// <summary>Not SNMPv2c (version 1).</summary>
    WrongVersion,

    /// <summary>Not the community the request was sent with.</summary>
    WrongCommunity,

    /// <summary>A Report-PDU (the agent speaks SNMPv3 to us).</summary>
    Report,

    /// <summary>A PDU other than Response.</summary>
    WrongPduType,

    /// <summary>No request pending with this request-id (late, duplicate or forged).</summary>
    UnknownRequestId,

    /// <summary>The request-id is pending, but for another agent's address or port.</summary>
    WrongSource,

    /// <summary>The datagram was larger than the receive buffer.</summary>
    Oversized,
}
