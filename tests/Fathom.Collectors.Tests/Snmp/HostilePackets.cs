using Fathom.Collectors.Common.Snmp;
using Fathom.Collectors.Common.Snmp.Ber;

namespace Fathom.Collectors.Tests.Snmp;

/// <summary>
/// Several hundred generated bad replies to one request: each a (description, expected reason,
/// datagram). Built from a tree of elements so any one element's length field can be replaced.
/// </summary>
internal static class HostilePackets
{
    private static readonly byte[][] LengthFields =
    [
        [0x84, 0xFF, 0xFF, 0xFF, 0xFF], [0x84, 0x7F, 0xFF, 0xFF, 0xFF], [0x83, 0xFF, 0xFF, 0xFF], [0x82, 0xFF, 0xFF],
        [0x81, 0xFF], [0x7F], [0x80], [0x85, 0, 0, 0, 0, 1], [0x88, 1, 2, 3, 4, 5, 6, 7, 8], [0x81, 0x01], [0x82, 0x00, 0x01],
    ];

    private static readonly byte[] ValidValueTags = [0x02, 0x04, 0x05, 0x06, 0x40, 0x41, 0x42, 0x43, 0x44, 0x46, 0x80, 0x81, 0x82];

    public static List<(string What, SnmpRejectReason? Reason, byte[] Packet)> Generate(int requestId, string community, SnmpVarBind[] varBinds)
    {
        var result = new List<(string, SnmpRejectReason?, byte[])>();
        var valid = Tree(requestId, community, varBinds, version: 1, pdu: BerTag.Response, valueTag: null).Encode();
        for (var length = 0; length < valid.Length; length++)
        {
            result.Add(($"truncated to {length} bytes", null, valid[..length]));
        }

        var tree = Tree(requestId, community, varBinds, 1, BerTag.Response, null);
        foreach (var (path, node) in tree.Walk(""))
        {
            foreach (var field in LengthFields)
            {
                node.LengthOverride = field;
                result.Add(($"{path} with length field {Convert.ToHexString(field)}", null, tree.Encode()));
                node.LengthOverride = null;
            }
        }

        for (var i = 1; i <= 50; i++)
        {
            result.Add(($"request-id {requestId + i}", SnmpRejectReason.UnknownRequestId, Tree(requestId + i, community, varBinds, 1, BerTag.Response, null).Encode()));
            result.Add(($"community x{i}", SnmpRejectReason.WrongCommunity, Tree(requestId, $"x{i}", varBinds, 1, BerTag.Response, null).Encode()));
        }

        foreach (var version in (int[])[0, 2, 3, -1, 1000, int.MaxValue])
        {
            result.Add(($"version {version}", SnmpRejectReason.WrongVersion, Tree(requestId, community, varBinds, version, BerTag.Response, null).Encode()));
        }

        foreach (var pdu in (byte[])[0xA0, 0xA1, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7])
        {
            result.Add(($"PDU 0x{pdu:x2}", SnmpRejectReason.WrongPduType, Tree(requestId, community, varBinds, 1, pdu, null).Encode()));
        }

        result.Add(("a Report-PDU", SnmpRejectReason.Report, Tree(requestId, community, varBinds, 1, BerTag.Report, null).Encode()));
        for (var tag = 0; tag < 256; tag++)
        {
            if (!ValidValueTags.Contains((byte)tag) && (tag & 0x1F) != 0x1F && (tag & 0x20) == 0)
            {
                result.Add(($"value tag 0x{tag:x2}", SnmpRejectReason.WrongTag, Tree(requestId, community, varBinds, 1, BerTag.Response, (byte)tag).Encode()));
            }
        }

        var random = new Random(13);
        for (var i = 0; i < 100; i++)
        {
            var garbage = new byte[random.Next(1, 200)];
            random.NextBytes(garbage);
            garbage[0] = (byte)(garbage[0] == 0x30 ? 0x31 : garbage[0]);
            result.Add(($"{garbage.Length} random bytes", null, garbage));
        }

        return result;
    }

    public static byte[] Valid(int requestId, string community, SnmpVarBind[] varBinds) =>
        Tree(requestId, community, varBinds, 1, BerTag.Response, null).Encode();

    /// <summary>A response as a tree of elements (its first varbind's value tag replaceable).</summary>
    private static Node Tree(int requestId, string community, SnmpVarBind[] varBinds, int version, byte pdu, byte? valueTag)
    {
        var binds = varBinds.Select((v, i) =>
        {
            var value = Primitive(v.Value);
            if (i == 0 && valueTag is { } tag)
            {
                value.Tag = tag;
            }

            return new Node(0x30, [Primitive(v.Oid), value]);
        }).ToArray();
        return new Node(0x30,
        [
            Integer(version),
            new Node(0x04, System.Text.Encoding.UTF8.GetBytes(community)),
            new Node(pdu, [Integer(requestId), Integer(0), Integer(0), new Node(0x30, binds)]),
        ]);
    }

    private static Node Integer(int value) => new(0x02, SnmpPackets.Integer(value)[2..]);

    private static Node Primitive(SnmpValue value)
    {
        var buffer = new byte[2048];
        var writer = new BerWriter(buffer);
        writer.WriteValue(value);
        return Strip(writer.Result.ToArray());
    }

    private static Node Primitive(Oid oid) => Strip(SnmpPackets.OidTlv(oid.ToString()));

    private static Node Strip(byte[] tlv)
    {
        var header = tlv[1] < 0x80 ? 2 : 2 + (tlv[1] & 0x7F);
        return new Node(tlv[0], tlv[header..]);
    }

    private sealed class Node
    {
        private readonly byte[]? _content;
        private readonly Node[]? _children;

        public Node(byte tag, byte[] content)
        {
            Tag = tag;
            _content = content;
        }

        public Node(byte tag, Node[] children)
        {
            Tag = tag;
            _children = children;
        }

        public byte Tag { get; set; }

        public byte[]? LengthOverride { get; set; }

        public IEnumerable<(string Path, Node Node)> Walk(string path)
        {
            var here = $"{path}/{Tag:x2}";
            yield return (here, this);
            foreach (var (child, i) in (_children ?? []).Select((c, i) => (c, i)))
            {
                foreach (var found in child.Walk($"{here}[{i}]"))
                {
                    yield return found;
                }
            }
        }

        public byte[] Encode()
        {
            var content = _content ?? [.. _children!.SelectMany(c => c.Encode())];
            if (LengthOverride is { } field)
            {
                return [Tag, .. field, .. content];
            }

            return SnmpPackets.Tlv(Tag, content);
        }
    }
}
