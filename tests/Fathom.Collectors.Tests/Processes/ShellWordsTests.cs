using Fathom.Collectors.Common.Processes;

namespace Fathom.Collectors.Tests.Processes;

public sealed class ShellWordsTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("  a  b\tc ", new[] { "a", "b", "c" })]
    [InlineData("'two words' \"and more\"", new[] { "two words", "and more" })]
    [InlineData("'$HOME' \"$HOME\"", new[] { "$HOME", "$HOME" })]
    [InlineData(@"a\ b c\\d \'e", new[] { "a b", @"c\d", "'e" })]
    [InlineData(@"""q\""uote\\d \n""", new[] { @"q""uote\d \n" })]
    [InlineData("x'y'\"z\" ''", new[] { "xyz", "" })]
    [InlineData("'it'\\''s'", new[] { "it's" })]
    public void Split_Text_Words(string text, string[] expected) => Assert.Equal(expected, ShellWords.Split(text));

    [Theory]
    [InlineData("a 'b", "single quote at character 3")]
    [InlineData("\"a b", "double quote at character 1")]
    public void Split_UnterminatedQuote_Throws(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => ShellWords.Split(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
