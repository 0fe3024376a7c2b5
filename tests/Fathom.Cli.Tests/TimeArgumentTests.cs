using Fathom.TestSupport;

namespace Fathom.Cli.Tests;

public sealed class TimeArgumentTests
{
    private const long Second = 1_000_000_000;
    private static readonly FakeTimeProvider Clock = new(CliHarness.Now);

    [Theory]
    [InlineData("now", 0)]
    [InlineData("-15s", -15)]
    [InlineData("-30m", -30 * 60)]
    [InlineData("-1h", -3600)]
    [InlineData("-2d", -2 * 86400)]
    [InlineData("-1w", -7 * 86400)]
    [InlineData("-0s", 0)]
    public void Parse_RelativeOrNow_CountsBackFromInjectedClock(string text, long secondsFromNow) =>
        Assert.Equal(CliHarness.NowNs + (secondsFromNow * Second), TimeArgument.Parse("from", text, Clock));

    [Theory]
    [InlineData("2026-11-21T10:00:00Z", 0)]
    [InlineData("2026-11-21t10:00:00z", 0)]
    [InlineData("2026-11-21 10:00:00Z", 0)]
    [InlineData("2026-11-21T11:30:00+01:30", 0)]
    [InlineData("2026-11-21T05:00:00-05:00", 0)]
    [InlineData("2026-11-21T10:00:00.5Z", 500_000_000)]
    [InlineData("2026-11-21T10:00:00.123456789Z", 123_456_789)]
    [InlineData("2026-11-21T09:59:59.000000001Z", -999_999_999)]
    public void Parse_Rfc3339_KeepsNanoseconds(string text, long nsFromNow) =>
        Assert.Equal(CliHarness.NowNs + nsFromNow, TimeArgument.Parse("to", text, Clock));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("1h")]
    [InlineData("-1y")]
    [InlineData("-h")]
    [InlineData("-1.5h")]
    [InlineData("+1h")]
    [InlineData("2026-11-21")]
    [InlineData("2026-11-21T10:00:00")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-02-29T00:00:00Z")]
    [InlineData("2026-11-21T24:00:00Z")]
    [InlineData("2026-11-21T10:00:00.1234567891Z")]
    [InlineData("2026-11-21T10:00:00+24:00")]
    [InlineData("3000-01-01T00:00:00Z")]
    [InlineData("")]
    public void Parse_NotATime_ThrowsUsageNamingOptionAndText(string text)
    {
        var e = Assert.Throws<UsageException>(() => TimeArgument.Parse("from", text, Clock));
        Assert.Equal($"--from: '{text}' is not a time: use RFC 3339 or -1h", e.Message);
    }

    [Fact]
    public void Parse_RelativeTooFarBack_ThrowsUsage()
    {
        var e = Assert.Throws<UsageException>(() => TimeArgument.Parse("from", "-99999999999w", Clock));
        Assert.Equal("--from: '-99999999999w' is too far back", e.Message);
    }
}
