namespace Fathom.Archive.Tests;

public sealed class NameGlobTests
{
    [Theory]
    [InlineData("rtt", "rtt", true)]
    [InlineData("rtt", "rtt_max", false)]
    [InlineData("rtt*", "rtt_max", true)]
    [InlineData("rtt*", "rtt", true)]
    [InlineData("*max", "rtt_max", true)]
    [InlineData("*max", "rtt_min", false)]
    [InlineData("r?t", "rtt", true)]
    [InlineData("r?t", "rt", false)]
    [InlineData("*", "", true)]
    [InlineData("a*b*c", "a-x-b-y-c", true)]
    [InlineData("a*b*c", "a-x-c-y-b", false)]
    [InlineData("RTT", "rtt", false)]
    public void IsMatch_Pattern_MatchesShellStyle(string pattern, string text, bool expected) =>
        Assert.Equal(expected, NameGlob.IsMatch(pattern, text));
}
