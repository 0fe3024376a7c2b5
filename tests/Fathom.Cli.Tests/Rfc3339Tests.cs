using Fathom.Core.Storage;

namespace Fathom.Cli.Tests;

public sealed class Rfc3339Tests
{
    [Theory]
    [InlineData(0, "1970-01-01T00:00:00Z")]
    [InlineData(1_500_000_000, "1970-01-01T00:00:01.500Z")]
    [InlineData(1_000_123_000, "1970-01-01T00:00:01.000123Z")]
    [InlineData(1_000_000_007, "1970-01-01T00:00:01.000000007Z")]
    [InlineData(-1, "1969-12-31T23:59:59.999999999Z")]
    [InlineData(-1_000_000_000, "1969-12-31T23:59:59Z")]
    public void Format_Nanoseconds_UsesNeededPrecisionInGroupsOfThree(long ns, string expected) =>
        Assert.Equal(expected, Rfc3339.Format(ns));

    [Theory]
    [InlineData(0)]
    [InlineData(1_795_255_200_123_456_789)]
    [InlineData(-86_400_000_000_001)]
    public void Format_ThenParse_RoundTrips(long ns)
    {
        Assert.True(Rfc3339.TryParse(Rfc3339.Format(ns), out var parsed));
        Assert.Equal(ns, parsed);
    }
}
