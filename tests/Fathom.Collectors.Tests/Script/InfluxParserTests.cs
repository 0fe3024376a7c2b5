using Fathom.Collectors.Script;

namespace Fathom.Collectors.Tests.Script;

public sealed class InfluxParserTests
{
    [Fact]
    public void TryParse_TagsFieldsTimestamp_Parsed()
    {
        Assert.True(InfluxParser.TryParse("disk,dev=sda,host=h1 used=1,free=2.5 1700000000000000000", out var p, out _));
        Assert.Equal("disk", p!.Measurement);
        Assert.Equal([new("dev", "sda"), new("host", "h1")], p.Tags);
        Assert.Equal(["used", "free"], p.Fields.Select(f => f.Key));
        Assert.Equal([1.0, 2.5], p.Fields.Select(f => f.Value.Number));
        Assert.Equal(1700000000000000000, p.TimeUnixNs);
    }

    [Fact]
    public void TryParse_Escapes_Undone()
    {
        Assert.True(InfluxParser.TryParse(@"my\ m\,x,t\ k\=1=v\,2\ x f\ 1\==3", out var p, out _));
        Assert.Equal("my m,x", p!.Measurement);
        Assert.Equal([new("t k=1", "v,2 x")], p.Tags);
        Assert.Equal("f 1=", p.Fields[0].Key);
        Assert.Null(p.TimeUnixNs);
    }

    [Fact]
    public void TryParse_FieldTypes_AllNumbersAndStrings()
    {
        Assert.True(InfluxParser.TryParse(@"m i=-3i,u=7u,f=-1.5e3,a=t,b=FALSE,c=True,d=f,s=""x, \""y\"" z""", out var p, out _));
        Assert.Equal([-3, 7, -1500, 1, 0, 1, 0], p!.Fields.Take(7).Select(f => f.Value.Number));
        Assert.Equal("x, \"y\" z", p.Fields[7].Value.Text);
    }

    [Theory]
    [InlineData("m", "no fields")]
    [InlineData("m,t=v", "no fields")]
    [InlineData(",t=v f=1", "missing measurement")]
    [InlineData("m f=abc", "field 'f' has an invalid value")]
    [InlineData("m f=1i2", "field 'f' has an invalid value")]
    [InlineData("m f=NaN", "field 'f' has an invalid value")]
    [InlineData("m f=\"open", "field 'f' has an invalid value")]
    [InlineData("m f=1 12x", "invalid timestamp")]
    [InlineData("m f=1 1 2", "invalid timestamp")]
    [InlineData("m,t f=1", "malformed tag")]
    [InlineData("m,t=a=b f=1", "malformed value of tag 't'")]
    [InlineData("m f=\"a\"b", "unexpected 'b'")]
    [InlineData("m =1", "malformed field")]
    public void TryParse_Malformed_FailsWithReason(string line, string reason)
    {
        Assert.False(InfluxParser.TryParse(line, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
