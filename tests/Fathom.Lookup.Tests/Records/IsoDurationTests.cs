using Fathom.Lookup.Records;

namespace Fathom.Lookup.Tests.Records;

public sealed class IsoDurationTests
{
    [Theory]
    [InlineData("PT60M", 3600)]
    [InlineData("PT43200M", 2592000)]
    [InlineData("PT2H", 7200)]
    [InlineData("PT30S", 30)]
    [InlineData("P1D", 86400)]
    [InlineData("P1W", 604800)]
    [InlineData("P1DT1H1M1S", 90061)]
    [InlineData("PT1.5S", 1.5)]
    [InlineData("PT0,5S", 0.5)]
    [InlineData("pt5m", 300)]
    [InlineData("PT0S", 0)]
    public void TryParse_Valid_Seconds(string text, double seconds)
    {
        Assert.True(IsoDuration.TryParse(text, out var d));
        Assert.Equal(TimeSpan.FromSeconds(seconds), d);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("60")]
    [InlineData("P1Y")]
    [InlineData("P1M")]
    [InlineData("PT1M1H")]
    [InlineData("PT1H1H")]
    [InlineData("PT1.5M")]
    [InlineData("PTM")]
    [InlineData("PT-5M")]
    [InlineData("PT99999999999999999999999999999H")]
    [InlineData("PT5X")]
    public void TryParse_Invalid_False(string text) => Assert.False(IsoDuration.TryParse(text, out _));

    [Theory]
    [InlineData(3600, "PT60M")]
    [InlineData(30, "PT30S")]
    [InlineData(90.5, "PT90.5S")]
    [InlineData(0, "PT0S")]
    public void Format_WholeMinutesOrSeconds(double seconds, string expected) =>
        Assert.Equal(expected, IsoDuration.Format(TimeSpan.FromSeconds(seconds)));
}
