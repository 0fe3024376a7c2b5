using Fathom.Collectors.Common.Snmp.Ber;

namespace Fathom.Collectors.Common.Snmp;

/// <summary>
/// SNMPv2c messages (RFC 3416): SEQUENCE { version 1, community, PDU { request-id, error-status
/// or non-repeaters, error-index or max-repetitions, SEQUENCE OF { OID, value } } }.
/// </summary>
internal static class SnmpMessage
{
    public const int Version2c = 1;

    /// <summary>The largest error-status RFC 3416 defines (inconsistentName).</summary>
    public const int MaxErrorStatus = 18;

    /// <summary>An upper bound of the encoded size of a message with these varbinds (values: Null).</summary>
    public static int MaxLength(int communityLength, IReadOnlyList<Oid> oids)
    {
        // Headers: 6 bytes each at most (tag + 0x84 + 4); integers 6 bytes at most.
        var length = 64 + communityLength;
        for (var i = 0; i < oids.Count; i++)
        {
            length += 16 + (oids[i].Length * 5);
        }

        return length;
    }

    /// <summary>Writes a request at the end of <paramref name="buffer"/>; returns where it starts.</summary>
    public static int WriteRequest(Span<byte> buffer, byte pduType, int requestId, int field2, int field3, ReadOnlySpan<byte> community, IReadOnlyList<Oid> oids)
    {
        var writer = new BerWriter(buffer);
        var end = writer.Written;
        for (var i = oids.Count - 1; i >= 0; i--)
        {
            var bindEnd = writer.Written;
            writer.WriteHeader(BerTag.Null, 0);
            writer.WriteOid(oids[i]);
            writer.WriteConstructed(BerTag.Sequence, bindEnd);
        }

        return WriteEnvelope(ref writer, end, Version2c, community, pduType, requestId, field2, field3);
    }

    /// <summary>Writes any message with values (an agent's response, in tests); returns where it starts.</summary>
    public static int Write(Span<byte> buffer, int version, ReadOnlySpan<byte> community, byte pduType, int requestId, int field2, int field3, IReadOnlyList<SnmpVarBind> varBinds)
    {
        var writer = new BerWriter(buffer);
        var end = writer.Written;
        for (var i = varBinds.Count - 1; i >= 0; i--)
        {
            var bindEnd = writer.Written;
            writer.WriteValue(varBinds[i].Value);
            writer.WriteOid(varBinds[i].Oid);
            writer.WriteConstructed(BerTag.Sequence, bindEnd);
        }

        return WriteEnvelope(ref writer, end, version, community, pduType, requestId, field2, field3);
    }

    /// <summary>
    /// Wraps the varbinds written back to <paramref name="end"/> in their list, the PDU and the
    /// message (written backwards, so innermost first); returns where the message starts.
    /// </summary>
    private static int WriteEnvelope(ref BerWriter writer, int end, int version, ReadOnlySpan<byte> community, byte pduType, int requestId, int field2, int field3)
    {
        writer.WriteConstructed(BerTag.Sequence, end);
        writer.WriteSigned(BerTag.Integer, field3);
        writer.WriteSigned(BerTag.Integer, field2);
        writer.WriteSigned(BerTag.Integer, requestId);
        writer.WriteConstructed(pduType, end);
        writer.WriteBytes(BerTag.OctetString, community);
        writer.WriteSigned(BerTag.Integer, version);
        writer.WriteConstructed(BerTag.Sequence, end);
        return writer.Start;
    }

    /// <summary>
    /// Reads the message up to its varbinds, checking that message, PDU and packet end together.
    /// Any PDU type is returned (the caller decides); version and community are returned unchecked.
    /// </summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> packet, out SnmpHeader header, out SnmpRejection rejection)
    {
        header = default;
        var reader = new BerReader(packet);
        if (!reader.TryEnter(BerTag.Sequence, "the message", out _)
            || !reader.TryReadInt32("the version", out var version)
            || !reader.TryReadPrimitive(BerTag.OctetString, "the community", out var community, out _))
        {
            rejection = reader.Rejection;
            return false;
        }

        if (reader.Limit != packet.Length)
        {
            rejection = new SnmpRejection(SnmpRejectReason.TrailingBytes, reader.Limit, "the message");
            return false;
        }

        var communityOffset = reader.Position - community.Length;
        var pduAt = reader.Position;
        if (!reader.TryReadHeader("the PDU", out var pduType, out var pduLength))
        {
            rejection = reader.Rejection;
            return false;
        }

        if ((pduType & 0xE0) != 0xA0)
        {
            rejection = new SnmpRejection(SnmpRejectReason.WrongTag, pduAt, "the PDU");
            return false;
        }

        if (reader.Position + pduLength != reader.Limit)
        {
            rejection = new SnmpRejection(SnmpRejectReason.TrailingBytes, reader.Position + pduLength, "the PDU");
            return false;
        }

        if (!reader.TryReadInt32("the request-id", out var requestId)
            || !reader.TryReadInt32("the error-status", out var errorStatus)
            || !reader.TryReadInt32("the error-index", out var errorIndex))
        {
            rejection = reader.Rejection;
            return false;
        }

        header = new SnmpHeader(version, communityOffset, community.Length, pduType, requestId, errorStatus, errorIndex, reader.Position);
        rejection = default;
        return true;
    }

    /// <summary>
    /// Reads the varbinds that follow <paramref name="header"/> in <paramref name="packet"/> (a copy
    /// the values may keep slices of). The list must end the PDU exactly.
    /// </summary>
    public static bool TryReadVarBinds(ReadOnlyMemory<byte> packet, in SnmpHeader header, List<SnmpVarBind> into, out SnmpRejection rejection)
    {
        var span = packet.Span;
        var reader = new BerReader(span, header.VarBindsOffset);
        if (!reader.TryEnter(BerTag.Sequence, "the varbind list", out var outer))
        {
            rejection = reader.Rejection;
            return false;
        }

        if (outer != span.Length || reader.Limit != span.Length)
        {
            rejection = new SnmpRejection(SnmpRejectReason.TrailingBytes, reader.Limit, "the varbind list");
            return false;
        }

        while (!reader.AtLimit)
        {
            if (!reader.TryEnter(BerTag.Sequence, "a varbind", out var listLimit)
                || !reader.TryReadPrimitive(BerTag.ObjectIdentifier, "a varbind's OID", out var oidContent, out var oidAt))
            {
                rejection = reader.Rejection;
                return false;
            }

            if (!BerOid.TryRead(oidContent, out var oid))
            {
                rejection = new SnmpRejection(SnmpRejectReason.BadOid, oidAt, "a varbind's OID");
                return false;
            }

            if (!reader.TryReadAny("a varbind's value", out var tag, out var content, out var valueAt))
            {
                rejection = reader.Rejection;
                return false;
            }

            if (!TryReadValue(tag, content, packet.Slice(reader.Position - content.Length, content.Length), valueAt, out var value, out rejection))
            {
                return false;
            }

            if (!reader.TryLeave(listLimit, "a varbind"))
            {
                rejection = reader.Rejection;
                return false;
            }

            into.Add(new SnmpVarBind(oid, value));
        }

        rejection = default;
        return true;
    }

    private static bool TryReadValue(byte tag, ReadOnlySpan<byte> content, ReadOnlyMemory<byte> kept, int at, out SnmpValue value, out SnmpRejection rejection)
    {
        const string What = "a varbind's value";
        value = default;
        rejection = default;
        ulong number;
        switch ((SnmpType)tag)
        {
            case SnmpType.Integer:
                if (!BerInteger.TryReadSigned(content, out var signed) || signed is < int.MinValue or > int.MaxValue)
                {
                    break;
                }

                value = SnmpValue.Integer(signed);
                return true;
            case SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks:
                if (!BerInteger.TryReadUnsigned(content, 4, out number))
                {
                    break;
                }

                value = (SnmpType)tag switch
                {
                    SnmpType.Counter32 => SnmpValue.Counter32((uint)number),
                    SnmpType.Gauge32 => SnmpValue.Gauge32((uint)number),
                    _ => SnmpValue.TimeTicks((uint)number),
                };
                return true;
            case SnmpType.Counter64:
                if (!BerInteger.TryReadUnsigned(content, 8, out number))
                {
                    break;
                }

                value = SnmpValue.Counter64(number);
                return true;
            case SnmpType.OctetString:
                value = SnmpValue.OctetString(kept);
                return true;
            case SnmpType.Opaque:
                value = SnmpValue.Opaque(kept);
                return true;
            case SnmpType.IpAddress:
                if (content.Length != 4)
                {
                    rejection = new SnmpRejection(SnmpRejectReason.BadValue, at, "an IpAddress (not 4 bytes)");
                    return false;
                }

                value = SnmpValue.IpAddress(kept);
                return true;
            case SnmpType.ObjectIdentifier:
                if (!BerOid.TryRead(content, out var oid))
                {
                    rejection = new SnmpRejection(SnmpRejectReason.BadOid, at, What);
                    return false;
                }

                value = SnmpValue.ObjectIdentifier(oid);
                return true;
            case SnmpType.Null or SnmpType.NoSuchObject or SnmpType.NoSuchInstance or SnmpType.EndOfMibView:
                if (!content.IsEmpty)
                {
                    rejection = new SnmpRejection(SnmpRejectReason.BadValue, at, "a Null or exception with content");
                    return false;
                }

                value = tag == BerTag.Null ? SnmpValue.Null : SnmpValue.Exception((SnmpType)tag);
                return true;
            default:
                rejection = new SnmpRejection(SnmpRejectReason.WrongTag, at, What);
                return false;
        }

        rejection = new SnmpRejection(SnmpRejectReason.BadInteger, at, What);
        return false;
    }
}
