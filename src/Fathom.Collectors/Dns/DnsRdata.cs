using System.Globalization;
using System.Net;
using System.Text;

namespace Fathom.Collectors.Dns;

/// <summary>Turns the RDATA of a record into presentation text (the format of dig and zone files).</summary>
internal static class DnsRdata
{
    /// <summary>Reads exactly <paramref name="length"/> bytes of RDATA at the reader's offset.</summary>
    public static string Read(DnsReader reader, ushort type, int length)
    {
        var start = reader.Offset;
        var end = start + length;
        if (end > reader.Length)
        {
            throw new DnsFormatException($"data of {length} bytes at offset {start} runs past the end of the message ({reader.Length} bytes)");
        }

        var outer = reader.Limit;
        reader.Limit = end;
        try
        {
            var text = Format(reader, type, length);
            if (reader.Offset != end)
            {
                throw new DnsFormatException($"{DnsRecordType.Name(type)} data is {length} bytes but its content ends after {reader.Offset - start}");
            }

            return text;
        }
        finally
        {
            reader.Limit = outer;
        }
    }

    private static string Format(DnsReader reader, ushort type, int length)
    {
        switch (type)
        {
            case DnsRecordType.A:
                return new IPAddress(Exact(reader, 4, length, "A")).ToString();
            case DnsRecordType.AAAA:
                return new IPAddress(Exact(reader, 16, length, "AAAA")).ToString();
            case DnsRecordType.NS or DnsRecordType.CNAME or DnsRecordType.PTR:
                return reader.Name($"{DnsRecordType.Name(type)} target");
            case DnsRecordType.MX:
                var preference = reader.U16("MX preference");
                return Invariant($"{preference} {reader.Name("MX exchange")}");
            case DnsRecordType.SOA:
                var mname = reader.Name("SOA mname");
                var rname = reader.Name("SOA rname");
                return Invariant($"{mname} {rname} {reader.U32("SOA serial")} {reader.U32("SOA refresh")} {reader.U32("SOA retry")} {reader.U32("SOA expire")} {reader.U32("SOA minimum")}");
            case DnsRecordType.TXT:
                return Txt(reader, reader.Offset + length);
            default:
                // RFC 3597's generic form for types we do not decode.
                return Invariant($"\\# {length} {Convert.ToHexStringLower(reader.Take(length, "data"))}").TrimEnd();
        }
    }

    private static byte[] Exact(DnsReader reader, int size, int length, string type) =>
        length == size ? reader.Take(size, type + " address").ToArray() : throw new DnsFormatException($"{type} data is {length} bytes, not {size}");

    private static string Txt(DnsReader reader, int end)
    {
        if (reader.Offset == end)
        {
            throw new DnsFormatException("TXT data is empty (at least one string is required)");
        }

        var sb = new StringBuilder();
        while (reader.Offset < end)
        {
            var count = reader.U8("TXT string length");
            var text = reader.Take(count, "TXT string");
            sb.Append(sb.Length > 0 ? " \"" : "\"");
            DnsName.AppendLabel(sb, text, keepSpaces: true);
            sb.Append('"');
        }

        return sb.ToString();
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
