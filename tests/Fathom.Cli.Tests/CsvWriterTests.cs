namespace Fathom.Cli.Tests;

public sealed class CsvWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\r", "\"cr\r\"")]
    public void Quote_Field_QuotesOnlyWhenNeeded(string field, string expected) =>
        Assert.Equal(expected, CsvWriter.Quote(field));

    [Fact]
    public void WriteRow_Fields_JoinsWithCommasAndEndsLine()
    {
        using var text = new StringWriter();
        new CsvWriter(text).WriteRow("a", "b,c", "");
        Assert.Equal("a,\"b,c\",\n", text.ToString());
    }
}
