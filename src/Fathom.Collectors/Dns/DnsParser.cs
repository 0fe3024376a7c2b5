namespace Fathom.Collectors.Dns;

/// <summary>
/// Parses a whole DNS message: header, question, and every answer, authority and additional
/// record with its RDATA. Never throws: a malformed message yields the reason, prefixed with
/// where it went wrong (e.g. "answer 2: name pointer loop at offset 45").
/// </summary>
internal static class DnsParser
{
    public static DnsParseResult Parse(ReadOnlyMemory<byte> message)
    {
        if (message.Length < DnsHeader.Size)
        {
            return new(null, null, null, $"header: message is {message.Length} bytes, shorter than the {DnsHeader.Size}-byte header");
        }

        var reader = new DnsReader(message);
        var header = new DnsHeader(reader.U16("id"), reader.U16("flags"), reader.U16("qdcount"), reader.U16("ancount"), reader.U16("nscount"), reader.U16("arcount"));
        if (header.QuestionCount > 1)
        {
            return new(header, null, null, $"header: question count is {header.QuestionCount} (a response carries at most 1)");
        }

        DnsQuestion? question = null;
        var where = "question";
        try
        {
            if (header.QuestionCount == 1)
            {
                question = new DnsQuestion(reader.Name("name"), reader.U16("type"), reader.U16("class"));
            }

            where = "answer";
            var answers = Section(reader, header.AnswerCount, ref where, "answer");
            var authority = Section(reader, header.AuthorityCount, ref where, "authority");
            var additional = Section(reader, header.AdditionalCount, ref where, "additional");

            // Bytes after the last record are ignored, as common resolvers do.
            return new(header, question, new DnsMessage(header, question, answers, authority, additional), null);
        }
        catch (DnsFormatException e)
        {
            return new(header, question, null, $"{where}: {e.Message}");
        }
    }

    private static List<DnsRecord> Section(DnsReader reader, int count, ref string where, string section)
    {
        var records = new List<DnsRecord>(Math.Min(count, 64));
        for (var i = 0; i < count; i++)
        {
            where = $"{section} {i + 1}";
            if (reader.Offset >= reader.Length)
            {
                throw new DnsFormatException($"missing: the message ends at offset {reader.Length} but the header counts {count} {section} records");
            }

            var name = reader.Name("owner name");
            var type = reader.U16("type");
            var cls = reader.U16("class");
            var ttl = reader.U32("ttl");
            var length = reader.U16("data length");
            records.Add(new DnsRecord(name, type, cls, ttl, DnsRdata.Read(reader, type, length)));
        }

        return records;
    }
}
