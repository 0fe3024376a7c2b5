using Fathom.Collectors.Common.Snmp;
using Fathom.Collectors.Common.Snmp.Ber;

namespace Fathom.Collectors.Tests.Snmp;

/// <summary>Builds and decodes SNMP datagrams for tests, with our encoder or byte by byte.</summary>
internal static class SnmpPackets
{
    public static byte[] Message(int requestId, string community, IReadOnlyList<SnmpVarBind> varBinds, int version = 1, byte pdu = BerTag.Response, int errorStatus = 0, int errorIndex = 0)
    {
        var buffer = new byte[65536];
        var start = SnmpMessage.Write(buffer, version, System.Text.Encoding.UTF8.GetBytes(community), pdu, requestId, errorStatus, errorIndex, varBinds);
        return buffer[start..];
    }

    /// <summary>A header and content with a length in the short or long form as needed (minimal).</summary>
    public static byte[] Tlv(byte tag, params byte[][] parts)
    {
        var content = parts.SelectMany(p => p).ToArray();
        var length = content.Length < 0x80 ? [(byte)content.Length]
            : content.Length < 0x100 ? new byte[] { 0x81, (byte)content.Length }
            : [0x82, (byte)(content.Length >> 8), (byte)content.Length];
        return [tag, .. length, .. content];
    }

    /// <summary>A response message whose varbind list is given as raw bytes (for malformed varbinds).</summary>
    public static byte[] WithRawVarBinds(int requestId, string community, byte[] varBindList, int version = 1) =>
        Tlv(0x30,
            Tlv(0x02, [(byte)version]),
            Tlv(0x04, System.Text.Encoding.UTF8.GetBytes(community)),
            Tlv(BerTag.Response, Integer(requestId), Tlv(0x02, [0]), Tlv(0x02, [0]), varBindList));

    public static byte[] Integer(int value)
    {
        var buffer = new byte[8];
        var writer = new BerWriter(buffer);
        writer.WriteSigned(0x02, value);
        return writer.Result.ToArray();
    }

    public static byte[] OidTlv(string oid)
    {
        var buffer = new byte[700];
        var writer = new BerWriter(buffer);
        writer.WriteOid(Oid.Parse(oid));
        return writer.Result.ToArray();
    }

    /// <summary>Header and varbinds as the receive loop reads them; the rejection when either fails.</summary>
    public static (SnmpHeader Header, List<SnmpVarBind> VarBinds, SnmpRejection? Rejection) Decode(byte[] packet)
    {
        if (!SnmpMessage.TryReadHeader(packet, out var header, out var rejection))
        {
            return (header, [], rejection);
        }

        var varBinds = new List<SnmpVarBind>();
        return SnmpMessage.TryReadVarBinds(packet, header, varBinds, out rejection) ? (header, varBinds, null) : (header, varBinds, rejection);
    }
}
