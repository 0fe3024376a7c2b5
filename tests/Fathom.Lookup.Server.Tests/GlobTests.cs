using Fathom.Lookup.Server.Protocol;

namespace Fathom.Lookup.Server.Tests;

public sealed class GlobTests
{
    [Theory]
    [InlineData("bwctl", "bwctl", true)]
    [InlineData("BWCTL", "bwctl", true)]
    [InlineData("bwc", "bwctl", false)]
    [InlineData("bw*", "bwctl", true)]
    [InlineData("*ctl", "bwctl", true)]
    [InlineData("*w*t*", "bwctl", true)]
    [InlineData("*", "", true)]
    [InlineData("a*b*c", "aXbYbZc", true)]
    [InlineData("a*b*c", "aXbYbZ", false)]
    [InlineData("**x", "yyx", true)]
    [InlineData("", "x", false)]
    public void Glob_WholeValueCaseInsensitiveStarMatchesAnyRun(string pattern, string text, bool matches) =>
        Assert.Equal(matches, QueryTerm.Glob(pattern, text));
}
