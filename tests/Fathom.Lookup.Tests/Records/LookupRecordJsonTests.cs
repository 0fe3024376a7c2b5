using System.Text;
using Fathom.Lookup.Records;

namespace Fathom.Lookup.Tests.Records;

public sealed class LookupRecordJsonTests
{
    [Fact]
    public void TryParse_PerlClientBody_ArraysKept()
    {
        var body = """{"group-domains":["example.net"],"service-locator":["tcp://10.0.0.2:4823"],"ttl":["PT60M"],"type":["service"]}"""u8;

        Assert.True(LookupRecordJson.TryParse(body, out var record, out var error), error);

        Assert.Equal("service", record.Type);
        Assert.Equal(["tcp://10.0.0.2:4823"], record.Get("service-locator"));
    }

    [Fact]
    public void TryParse_PlainString_OneElementArray()
    {
        Assert.True(LookupRecordJson.TryParse("""{"type":"host","uri":"lookup/host/x"}"""u8, out var record, out _));
        Assert.Equal(["host"], record.Get("type"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("[]", "array")]
    [InlineData("{\"type\":", "malformed JSON")]
    [InlineData("{\"type\":[\"a\"]} x", "malformed JSON")]
    [InlineData("{\"type\":1}", "key 'type'")]
    [InlineData("{\"type\":[1]}", "key 'type'")]
    [InlineData("{\"type\":[[\"a\"]]}", "key 'type'")]
    [InlineData("{\"type\":{}}", "key 'type'")]
    [InlineData("{\"type\":null}", "key 'type'")]
    [InlineData("{\"a\":[\"x\"],\"a\":[\"y\"]}", "twice")]
    [InlineData("{\"\":[\"x\"]}", "key name is empty")] // it threw (LookupRecord.Set refuses an empty key) before
    public void TryParse_WrongShape_ReasonNamesIt(string body, string reason)
    {
        Assert.False(LookupRecordJson.TryParse(Encoding.UTF8.GetBytes(body), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ServerScalars_UriExpiresStatePlain()
    {
        var record = new LookupRecord().Set("type", "host").Set("uri", "lookup/host/1").Set("state", "registered").Set("expires", "2026-12-06T00:00:00.000Z");

        var json = Encoding.UTF8.GetString(LookupRecordJson.ToUtf8(record, serverScalars: true));

        Assert.Equal("""{"expires":"2026-12-06T00:00:00.000Z","state":"registered","type":["host"],"uri":"lookup/host/1"}""", json);
    }

    [Fact]
    public void SameContent_IgnoresServerKeys()
    {
        var a = new LookupRecord().Set("type", "host").Set("host-name", "a").Set("uri", "lookup/host/1");
        var b = new LookupRecord().Set("type", "host").Set("host-name", "a").Set("expires", "x");

        Assert.True(a.SameContent(b));
        Assert.False(a.SameContent(b.Clone().Set("host-name", "b")));
    }
}
