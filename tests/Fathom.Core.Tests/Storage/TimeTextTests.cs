using Fathom.Core.Storage;

namespace Fathom.Core.Tests.Storage;

public sealed class TimeTextTests
{
    private const long Now = 1_795_255_200_000_000_000; // 2026-11-21T10:00:00Z

    [Theory]
    [InlineData("now", Now)]
    [InlineData("-1h", Now - 3_600_000_000_000)]
    [InlineData("2026-11-21T09:00:00Z", Now - 3_600_000_000_000)]
    [InlineData("2026-11-21T10:00:00.000000001+00:00", Now + 1)]
    public void Parse_CliSyntax_UnixNs(string text, long expected) => Assert.Equal(expected, TimeText.Parse(text, Now));

    [Fact]
    public void Parse_IntegerWithUnixNsAccepted_TakenAsIs() => Assert.Equal(42L, TimeText.Parse("42", Now, acceptUnixNs: true));

    [Fact]
    public void Parse_IntegerWithoutUnixNs_FormatExceptionQuotingText()
    {
        var e = Assert.Throws<FormatException>(() => TimeText.Parse("42", Now));
        Assert.Equal("'42' is not a time: use RFC 3339 or -1h", e.Message);
    }

    [Theory]
    [InlineData("-42")]
    [InlineData("4.2")]
    [InlineData("99999999999999999999")]
    public void Parse_NotUnixNs_FormatExceptionNamingAllForms(string text)
    {
        var e = Assert.Throws<FormatException>(() => TimeText.Parse(text, Now, acceptUnixNs: true));
        Assert.Equal($"'{text}' is not a time: use RFC 3339, Unix nanoseconds, now or -1h", e.Message);
    }

    [Fact]
    public void Parse_TooFarBack_FormatException() =>
        Assert.Equal("'-99999999999w' is too far back", Assert.Throws<FormatException>(() => TimeText.Parse("-99999999999w", Now)).Message);
}
