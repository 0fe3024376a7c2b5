using System.Text;
using static Fathom.Cli.Tests.CliHarness;

namespace Fathom.Cli.Tests;

public sealed class LineProtocolTests
{
    [Theory]
    [InlineData("cpu", "cpu")]
    [InlineData("cpu load", "cpu\\ load")]
    [InlineData("a,b", "a\\,b")]
    [InlineData("a=b", "a=b")]
    [InlineData("back\\slash", "back\\slash")]
    public void Prefix_Measurement_EscapesCommasAndSpacesOnly(string name, string expected) =>
        Assert.Equal(expected, LineProtocol.Prefix(Key(name, "")));

    [Fact]
    public void Prefix_Tags_EscapeCommasEqualsAndSpacesAndLeaveOutEmptyValues() =>
        Assert.Equal("m,a\\ b=c\\,d,x\\=y=1\\=2", LineProtocol.Prefix(Key("m", "", ("x=y", "1=2"), ("a b", "c,d"), ("empty", ""))));

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("carriage\rreturn")]
    public void Prefix_LineBreak_CannotBeWritten(string text)
    {
        Assert.Null(LineProtocol.Prefix(Key(text, "")));
        Assert.Null(LineProtocol.Prefix(Key("m", "", ("k", text))));
    }

    [Theory]
    [InlineData(0.1, "m value=0.1 -5\n")]
    [InlineData(-3.0, "m value=-3 -5\n")]
    [InlineData(1.5e-300, "m value=1.5e-300 -5\n")]
    public void AppendPoint_FiniteValue_WritesShortestFloat(double value, string expected)
    {
        var sb = new StringBuilder();

        Assert.True(LineProtocol.AppendPoint(sb, "m", -5, value));

        Assert.Equal(expected, sb.ToString());
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void AppendPoint_NonFiniteValue_WritesNothing(double value)
    {
        var sb = new StringBuilder("kept");

        Assert.False(LineProtocol.AppendPoint(sb, "m", 1, value));

        Assert.Equal("kept", sb.ToString());
    }
}
