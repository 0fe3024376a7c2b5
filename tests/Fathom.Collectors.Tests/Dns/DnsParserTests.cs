using Fathom.Collectors.Dns;

namespace Fathom.Collectors.Tests.Dns;

/// <summary>The DNS message parser on crafted byte arrays: compression, its abuses, bad counts and lengths.</summary>
public sealed class DnsParserTests
{
    private static DnsMessage Ok(byte[] bytes)
    {
        var result = DnsParser.Parse(bytes);
        Assert.Null(result.Error);
        return Assert.IsType<DnsMessage>(result.Message);
    }

    private static string Error(byte[] bytes)
    {
        var result = DnsParser.Parse(bytes);
        Assert.Null(result.Message);
        return Assert.IsType<string>(result.Error);
    }

    [Fact]
    public void Parse_CompressedNames_ExpandedInOwnerAndData()
    {
        var w = Wire.Response(an: 3).Question("a.test");
        w.Pointer(12).RecordHead(DnsRecordType.A, 4).Bytes(192, 0, 2, 1);
        var www = w.Offset;
        w.Labels("www", terminate: false).Pointer(12).RecordHead(DnsRecordType.CNAME, 2).Pointer(12);
        w.Pointer(www).RecordHead(DnsRecordType.MX, 7).U16(5).Labels("mx", terminate: false).Pointer(www);

        var m = Ok(w.ToArray());

        Assert.Equal(new DnsQuestion("a.test.", DnsRecordType.A), m.Question);
        Assert.Equal(new DnsRecord("a.test.", DnsRecordType.A, 1, 60, "192.0.2.1"), m.Answers[0]);
        Assert.Equal(new DnsRecord("www.a.test.", DnsRecordType.CNAME, 1, 60, "a.test."), m.Answers[1]);
        Assert.Equal("5 mx.www.a.test.", m.Answers[2].Data);
        Assert.Equal(0x1234, m.Header.Id);
        Assert.True(m.Header.IsResponse);
    }

    [Fact]
    public void Parse_PointerToItself_LoopErrorWithOffset()
    {
        var w = Wire.Response(an: 2).Question("a.test");
        w.Pointer(12).RecordHead(DnsRecordType.A, 4).Bytes(1, 2, 3, 4);
        var loop = w.Offset;
        w.Pointer(loop).RecordHead(DnsRecordType.A, 4).Bytes(1, 2, 3, 4);

        Assert.Equal($"answer 2: owner name: name pointer loop at offset {loop}", Error(w.ToArray()));
    }

    [Fact]
    public void Parse_TwoPointersChasingEachOther_LoopError()
    {
        var w = Wire.Response(an: 1).Question("a.test");
        var first = w.Offset;
        w.Labels("x", terminate: false).Pointer(first + 4);
        w.Pointer(first).RecordHead(DnsRecordType.A, 4).Bytes(1, 2, 3, 4);

        Assert.Contains("answer 1: owner name: name pointer loop at offset", Error(w.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PointerPastEnd_ErrorNamesTarget()
    {
        var w = Wire.Response(an: 1).Question("a.test");
        var at = w.Offset;
        w.Pointer(0x3fff).RecordHead(DnsRecordType.A, 4).Bytes(1, 2, 3, 4);
        var bytes = w.ToArray();

        Assert.Equal($"answer 1: owner name: name pointer at offset {at} points to offset 16383, past the end of the message ({bytes.Length} bytes)", Error(bytes));
    }

    [Fact]
    public void Parse_ReservedLabelType_Error()
    {
        var w = Wire.Response(an: 1).Question("a.test").U8(0x41).U8(0);
        Assert.Contains("unsupported label type 0x41", Error(w.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NameOver255Bytes_Error()
    {
        var label = new string('a', 63);
        var w = Wire.Response(qd: 1).Labels(string.Join('.', label, label, label, label, label)).U16(1).U16(1);
        Assert.StartsWith("question: name at offset 12 is longer than 255 bytes", Error(w.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AnswerCountTooLarge_MissingRecordNamed()
    {
        var w = Wire.Response(an: 2).Question("a.test").Pointer(12).RecordHead(DnsRecordType.A, 4).Bytes(1, 2, 3, 4);
        Assert.StartsWith("answer 2: missing: the message ends at offset", Error(w.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AdditionalCountTooLarge_SectionNamed()
    {
        var w = Wire.Response(an: 0, ar: 1).Question("a.test");
        Assert.StartsWith("additional 1: missing", Error(w.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TwoQuestions_Error()
    {
        var w = Wire.Response(qd: 2).Question("a.test").Question("b.test");
        Assert.Equal("header: question count is 2 (a response carries at most 1)", Error(w.ToArray()));
    }

    [Fact]
    public void Parse_ShorterThanHeader_Error()
    {
        Assert.Equal("header: message is 5 bytes, shorter than the 12-byte header", Error([1, 2, 3, 4, 5]));
    }

    [Fact]
    public void Parse_AddressWithWrongLength_Error()
    {
        var w = Wire.Response(an: 1).Question("a.test").Pointer(12).RecordHead(DnsRecordType.A, 5).Bytes(1, 2, 3, 4, 5);
        Assert.Equal("answer 1: A data is 5 bytes, not 4", Error(w.ToArray()));
    }

    [Fact]
    public void Parse_DataLongerThanItsContent_Error()
    {
        var w = Wire.Response(an: 1).Question("a.test", DnsRecordType.MX).Pointer(12).RecordHead(DnsRecordType.MX, 6).U16(10).Pointer(12).U16(0);
        Assert.Equal("answer 1: MX data is 6 bytes but its content ends after 4", Error(w.ToArray()));
    }

    [Fact]
    public void Parse_NameInDataRunsPastItsLength_Error()
    {
        var w = Wire.Response(an: 1).Question("a.test", DnsRecordType.NS).Pointer(12).RecordHead(DnsRecordType.NS, 3).Labels("abc");
        Assert.Contains("answer 1: NS target: label at offset", Error(w.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DataLengthPastEnd_Error()
    {
        var w = Wire.Response(an: 1).Question("a.test").Pointer(12).RecordHead(DnsRecordType.A, 4).Bytes(1, 2);
        Assert.Contains("answer 1: data of 4 bytes at offset", Error(w.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SoaTxtAndUnknownType_PresentationText()
    {
        var w = Wire.Response(an: 3).Question("a.test", DnsRecordType.SOA);
        var soaStart = w.Offset;
        w.Pointer(12).RecordHead(DnsRecordType.SOA, 0);
        var rdStart = w.Offset;
        w.Labels("ns", terminate: false).Pointer(12).Labels("hostmaster", terminate: false).Pointer(12).U32(2026010101).U32(3600).U32(600).U32(86400).U32(300);
        var bytes = new Wire().Bytes(w.ToArray()).ToArray();
        bytes[soaStart + 11] = (byte)(bytes.Length - rdStart);
        var rest = new Wire().Bytes(bytes)
            .Pointer(12).RecordHead(DnsRecordType.TXT, 12).U8(5).Bytes("a\"b\\c"u8.ToArray()).U8(5).Bytes((byte)'x', 1, (byte)' ', (byte)'.', (byte)'y')
            .Pointer(12).RecordHead(99, 3).Bytes(0xde, 0xad, 0x01);

        var m = Ok(rest.ToArray());

        Assert.Equal("ns.a.test. hostmaster.a.test. 2026010101 3600 600 86400 300", m.Answers[0].Data);
        Assert.Equal("\"a\\\"b\\\\c\" \"x\\001 .y\"", m.Answers[1].Data);
        Assert.Equal("\\# 3 dead01", m.Answers[2].Data);
        Assert.Equal("TYPE99", m.Answers[2].TypeName);
    }

    [Fact]
    public void Parse_TrailingBytesAfterLastRecord_Ignored()
    {
        var w = Wire.Response(an: 1).Question("a.test").Pointer(12).RecordHead(DnsRecordType.A, 4).Bytes(1, 2, 3, 4).Bytes(9, 9, 9);
        Assert.Single(Ok(w.ToArray()).Answers);
    }
}
